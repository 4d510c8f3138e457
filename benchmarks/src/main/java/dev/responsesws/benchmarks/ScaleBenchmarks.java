package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scale (part E), against the {@link CannedTurnServer} in its own JVM: the heap an open idle
 * connection costs, and turns per second with many conversations at once compared with the raw
 * Reactor Netty client doing the same one-token turns over as many connections, in the same run.
 */
final class ScaleBenchmarks {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private ScaleBenchmarks() {
	}

	static Map<String, String> defaults() {
		return Map.of("idle-connections", "1000,5000", "conversations", "200", "seconds", "10", "runs", "5");
	}

	/**
	 * Heap per open idle connection.
	 * @param options {@code idle-connections}, a list of counts
	 * @return one result per count
	 */
	static List<IdleResult> idleHeap(Map<String, String> options) {
		List<IdleResult> results = new ArrayList<>();
		try (ServerHandle server = ServerHandle.start("--mode=canned", "--deltas=0")) {
			for (String count : options.get("idle-connections").split(",")) {
				int connections = Integer.parseInt(count.trim());
				long before = Measure.settledHeap();
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
					.allowCleartext(true)
					.connections(connections, connections)
					.queue(connections, Duration.ofMinutes(2))
					.build();
				try {
					session.connect().block(TIMEOUT);
					int open = session.snapshot().connectionsOpen();
					long after = Measure.settledHeap();
					IdleResult result = new IdleResult(open, (after - before) / (double) open);
					System.out.println(result);
					results.add(result);
				}
				finally {
					session.close(Duration.ofSeconds(30)).block(TIMEOUT);
				}
			}
		}
		return results;
	}

	/**
	 * Turns per second at saturation, ours and the raw client's, alternating runs.
	 * @param options {@code conversations}, {@code seconds} per run, {@code runs}
	 * @return the figures
	 */
	static SaturationResult saturation(Map<String, String> options) {
		int conversations = Integer.parseInt(options.get("conversations"));
		Duration duration = Duration.ofSeconds(Long.parseLong(options.get("seconds")));
		int runs = Integer.parseInt(options.get("runs"));
		List<Double> ours = new ArrayList<>();
		List<Double> raw = new ArrayList<>();
		try (ServerHandle server = ServerHandle.start("--mode=canned", "--deltas=0");
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
					.allowCleartext(true)
					.connections(conversations, conversations)
					.queue(conversations, Duration.ofMinutes(1))
					.build()) {
			session.connect().block(TIMEOUT);
			List<RawTurnClient> rawClients = new ArrayList<>();
			try {
				for (int i = 0; i < conversations; i++) {
					rawClients.add(new RawTurnClient(server.port(), 9));
				}
				for (int run = 0; run < runs + 1; run++) {
					double ourRate = oursFor(session, conversations, duration);
					double rawRate = rawFor(rawClients, duration);
					if (run > 0) {
						ours.add(ourRate);
						raw.add(rawRate);
						System.out.printf(Locale.ROOT, "saturation: responses-ws %.0f turns/s, raw %.0f turns/s%n",
								ourRate, rawRate);
					}
				}
			}
			finally {
				rawClients.forEach(RawTurnClient::close);
			}
		}
		return new SaturationResult(conversations, ours, raw);
	}

	private static double oursFor(ResponsesSession session, int conversations, Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		Long turns = Flux.range(0, conversations)
			.flatMap((i) -> {
				Conversation conversation = Conversation.builder(session)
					.settings(CreateResponse.builder().model("simulated").store(false).build())
					.build();
				return Mono.defer(() -> conversation.execute(InputMessage.user("hi")))
					.repeat(() -> System.nanoTime() - deadline < 0)
					.count();
			}, conversations)
			.reduce(0L, Long::sum)
			.block(TIMEOUT);
		return ((turns != null) ? turns : 0) / ((System.nanoTime() - start) / 1e9);
	}

	private static double rawFor(List<RawTurnClient> clients, Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		AtomicLong turns = new AtomicLong();
		long start = System.nanoTime();
		List<CompletableFuture<Void>> runs = new ArrayList<>();
		for (RawTurnClient client : clients) {
			runs.add(client.run((elapsed) -> {
				turns.incrementAndGet();
				return System.nanoTime() - deadline < 0;
			}));
		}
		RawTurnClient.await(CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)));
		return turns.get() / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Heap per idle connection.
	 * @param connections the connections open
	 * @param bytesPerConnection the settled heap growth divided by them
	 */
	record IdleResult(int connections, double bytesPerConnection) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "idle: %d connections, %.1f KB heap each", this.connections,
					this.bytesPerConnection / 1024);
		}

	}

	/**
	 * Turns per second at saturation.
	 * @param conversations the conversations (and connections) at once
	 * @param ours our turns per second, run by run
	 * @param raw the raw client's turns per second in the run after each of ours
	 */
	record SaturationResult(int conversations, List<Double> ours, List<Double> raw) {

		/**
		 * Return the median of the runs' ratios: each of our runs against the raw client's run
		 * next to it, so that a slower or faster period of the shared machine hits both sides.
		 * @return ours over raw
		 */
		double medianRatio() {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < this.ours.size(); i++) {
				ratios.add(this.ours.get(i) / this.raw.get(i));
			}
			return Measure.percentile(ratios, 50);
		}

	}

}
