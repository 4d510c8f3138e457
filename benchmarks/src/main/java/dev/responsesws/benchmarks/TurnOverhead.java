package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import org.jspecify.annotations.Nullable;

/**
 * Per-turn client overhead (part C): one-token turns, back to back over one WebSocket
 * connection on loopback, against the {@link CannedTurnServer} in its own JVM, so the server's
 * share is as small as it can be. Our {@link ResponsesSession#execute} and openai-java's
 * {@code ResponseConnection} are both called and waited for by one application thread; the raw
 * Reactor Netty client runs on the event loop and decodes nothing: it is the floor, the
 * network and server share of a turn. The sides take turns in blocks so drift hits them alike.
 */
final class TurnOverhead {

	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);

	private TurnOverhead() {
	}

	static Map<String, String> defaults() {
		return Map.of("turns", "5000", "rounds", "6", "warmup-seconds", "15");
	}

	/**
	 * Measure.
	 * @param options {@code turns} per block, {@code rounds} of blocks, {@code warmup-seconds}
	 * per client
	 * @return one result per client: ours, openai-java, raw
	 */
	static List<Result> run(Map<String, String> options) {
		int turns = Integer.parseInt(options.get("turns"));
		int rounds = Integer.parseInt(options.get("rounds"));
		long warmupNanos = Duration.ofSeconds(Long.parseLong(options.get("warmup-seconds"))).toNanos();
		try (ServerHandle server = ServerHandle.start("--mode=canned", "--deltas=0");
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
					.allowCleartext(true)
					.connections(1, 1)
					.build();
				OfficialClientLoop official = new OfficialClientLoop("http://127.0.0.1:" + server.port() + "/v1", null,
						"");
				RawTurnClient raw = new RawTurnClient(server.port(), 9)) {
			session.connect().block(TURN_TIMEOUT);
			official.openWebSocket();
			CreateResponse request = CreateResponse.builder()
				.model("simulated")
				.store(false)
				.input(InputMessage.user("hi"))
				.build();
			List<Client> clients = List.of(new Client("responses-ws", () -> {
				Response response = session.execute(request).block(TURN_TIMEOUT);
				if (response == null || !"ok".equals(response.outputText())) {
					throw new IllegalStateException("Unexpected answer " + response);
				}
			}), new Client("openai-java", () -> official.turn("hi")), new Client("raw Reactor Netty (floor)", null));
			for (Client client : clients) {
				long end = System.nanoTime() + warmupNanos;
				while (System.nanoTime() - end < 0) {
					client.block(raw, 1000, new long[1000]);
				}
			}
			long[][] samples = new long[clients.size()][turns * rounds];
			long[] cpu = new long[clients.size()];
			long[] threadCpu = new long[clients.size()];
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < clients.size(); i++) {
					long[] block = new long[turns];
					long before = Measure.processCpuNanos();
					long threadsBefore = Measure.javaThreadsCpuNanos();
					clients.get(i).block(raw, turns, block);
					threadCpu[i] += Measure.javaThreadsCpuNanos() - threadsBefore;
					cpu[i] += Measure.processCpuNanos() - before;
					System.arraycopy(block, 0, samples[i], round * turns, turns);
				}
			}
			List<Result> results = new ArrayList<>();
			for (int i = 0; i < clients.size(); i++) {
				Arrays.sort(samples[i]);
				results.add(new Result(clients.get(i).name(), Measure.percentileMicros(samples[i], 50),
						Measure.percentileMicros(samples[i], 99), cpu[i] / 1000.0 / (turns * rounds),
						threadCpu[i] / 1000.0 / (turns * rounds), (i == 1) ? official.busyRetries() : 0));
				System.out.println(results.get(i));
			}
			return results;
		}
	}

	/**
	 * One client's figures.
	 * @param client the client
	 * @param p50Micros median turn time
	 * @param p99Micros 99th percentile turn time
	 * @param cpuMicros client JVM process CPU time per turn, garbage collection and JIT included
	 * @param threadCpuMicros CPU time of the client JVM's Java threads per turn
	 * @param busyRetries sends the client refused as busy and were tried again, warm-up included
	 */
	record Result(String client, double p50Micros, double p99Micros, double cpuMicros, double threadCpuMicros,
			long busyRetries) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%-28s p50 %7.1f us  p99 %8.1f us  cpu/turn %7.1f us (threads %7.1f us)  busy retries %d", this.client,
					this.p50Micros, this.p99Micros, this.cpuMicros, this.threadCpuMicros, this.busyRetries);
		}

	}

	private record Client(String name, @Nullable Runnable turn) {

		/** Run {@code turns} turns, writing each one's nanoseconds; the raw client when turn is null. */
		void block(RawTurnClient raw, int turns, long[] nanos) {
			Runnable once = this.turn;
			if (once == null) {
				AtomicInteger index = new AtomicInteger();
				RawTurnClient.await(raw.run((elapsed) -> {
					int i = index.getAndIncrement();
					nanos[i] = elapsed;
					return i + 1 < turns;
				}));
				return;
			}
			for (int i = 0; i < turns; i++) {
				long start = System.nanoTime();
				once.run();
				nanos[i] = System.nanoTime() - start;
			}
		}

	}

}
