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
import reactor.core.publisher.Mono;

/**
 * Per-turn client overhead (part C): one-token turns, back to back over one WebSocket
 * connection on loopback, against the {@link CannedTurnServer} in its own JVM, so the server's
 * share is as small as it can be. Our {@link ResponsesSession#execute} runs twice: called and
 * waited for by one application thread, as openai-java's {@code ResponseConnection} is, and
 * chained by a reactive caller, each turn subscribed on the event loop as the previous one ends.
 * The raw Reactor Netty client runs on the event loop and decodes nothing: it is the floor, the
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
	 * @return one result per client: ours blocking, ours reactive, openai-java, raw
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
			List<Client> clients = List.of(new Client("responses-ws, blocking caller", blocking(() -> {
				Response response = session.execute(request).block(TURN_TIMEOUT);
				check(response);
			})), new Client("responses-ws, reactive caller", (count, nanos) -> chained(session, request, count, nanos)),
					new Client("openai-java", blocking(() -> official.turn("hi"))),
					new Client("raw Reactor Netty (floor)", (count, nanos) -> floor(raw, count, nanos)));
			for (Client client : clients) {
				long end = System.nanoTime() + warmupNanos;
				while (System.nanoTime() - end < 0) {
					client.turns().run(1000, new long[1000]);
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
					clients.get(i).turns().run(turns, block);
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
						threadCpu[i] / 1000.0 / (turns * rounds), (i == 2) ? official.busyRetries() : 0));
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

	private static void check(@Nullable Response response) {
		if (response == null || !"ok".equals(response.outputText())) {
			throw new IllegalStateException("Unexpected answer " + response);
		}
	}

	/** Turns called one after the other by this thread, each waited for. */
	private static Turns blocking(Runnable turn) {
		return (count, nanos) -> {
			for (int i = 0; i < count; i++) {
				long start = System.nanoTime();
				turn.run();
				nanos[i] = System.nanoTime() - start;
			}
		};
	}

	/** Turns chained reactively: each one starts where the previous one ended, on the event loop. */
	private static void chained(ResponsesSession session, CreateResponse request, int count, long[] nanos) {
		long[] start = new long[1];
		int[] index = new int[1];
		Mono.defer(() -> {
			start[0] = System.nanoTime();
			return session.execute(request);
		}).doOnNext((response) -> {
			check(response);
			nanos[index[0]++] = System.nanoTime() - start[0];
		}).repeat(count - 1L).then().block(TURN_TIMEOUT.multipliedBy(count));
		if (index[0] != count) {
			throw new IllegalStateException("Ran " + index[0] + " turns of " + count);
		}
	}

	/** The raw client's turns, which it chains on the event loop. */
	private static void floor(RawTurnClient raw, int count, long[] nanos) {
		AtomicInteger index = new AtomicInteger();
		RawTurnClient.await(raw.run((elapsed) -> {
			int i = index.getAndIncrement();
			nanos[i] = elapsed;
			return i + 1 < count;
		}));
	}

	/** Runs turns, writing each one's nanoseconds. */
	@FunctionalInterface
	private interface Turns {

		void run(int count, long[] nanos);

	}

	private record Client(String name, Turns turns) {
	}

}
