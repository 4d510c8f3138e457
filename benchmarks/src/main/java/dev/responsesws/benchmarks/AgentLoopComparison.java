package dev.responsesws.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.responsesws.client.conversation.AgentOptions;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.conversation.AgentTool;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.SelfSignedCertificate;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end agent loops, four clients side by side in one run: a tool loop of {@code --steps}
 * calls against the simulator behind the latency proxy, TLS on, the server in its own JVM so
 * that the client's CPU time is measured alone. The sides:
 * <ol>
 * <li>our {@link Conversation} over WebSocket: a warm-up, then only new items per turn;</li>
 * <li>our HTTP/SSE transport, {@code store:false}: the whole context every turn;</li>
 * <li>openai-java's {@code ResponseConnection} over WebSocket, chained the same way;</li>
 * <li>openai-java over HTTP streaming, {@code store:false}.</li>
 * </ol>
 * The sides take turns, one loop each per round, so drift on a shared machine hits them
 * alike. Per side it reports the median and p95 loop time, client CPU per turn, bytes sent per
 * loop and the floor: the simulator's own prefill time for the tokens it processed plus one
 * round trip per turn.
 *
 * <p>Cost model of the simulator: the first output of a turn waits {@code --prefill-us}
 * microseconds per input token the server has to process (one token per four characters of
 * JSON); instructions and tools are processed on every turn, history only on a cache miss
 * (always over HTTP with {@code store:false}). Answers stream without delay.
 */
public final class AgentLoopComparison {

	static final String INSTRUCTIONS = "You are an agent that completes multi-step tasks with tools. ".repeat(40);

	private static final String PROMPT = "Run all the steps.";

	private static final Duration LOOP_TIMEOUT = Duration.ofMinutes(5);

	private AgentLoopComparison() {
	}

	/**
	 * Run the comparison on its own.
	 * @param args {@code --steps=20 --iterations=10 --warmup=2 --warmup-seconds=15 --rtt=0,20,60
	 * --prefill-us=50 --tls=true --clients=ws,http,openai-ws,openai-http --out=benchmarks/results};
	 * the figures against the floor are those of our WebSocket client
	 * @throws IOException if the report cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Map<String, String> options = Options.parse(args, defaults());
		Result result = run(options);
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);
		Files.writeString(out.resolve("agent-loop.md"), result.markdown());
		Files.writeString(out.resolve("agent-loop.svg"), result.chart());
	}

	static Map<String, String> defaults() {
		return Map.of("steps", "20", "iterations", "10", "warmup", "2", "warmup-seconds", "15", "rtt", "0,20,60",
				"prefill-us", "50", "tls", "true", "clients", "ws,http,openai-ws,openai-http", "out", "benchmarks/results");
	}

	/**
	 * Run every round-trip time against one server process: first a warm-up of every client at
	 * zero latency and zero prefill cost, so that the JIT has compiled the hot paths, then per
	 * round-trip time a few more warm-up loops and the measured ones.
	 * @param options the options
	 * @return the rows
	 */
	static Result run(Map<String, String> options) {
		int steps = Integer.parseInt(options.get("steps"));
		int iterations = Integer.parseInt(options.get("iterations"));
		int warmup = Integer.parseInt(options.get("warmup"));
		long warmupNanos = Duration.ofSeconds(Long.parseLong(options.get("warmup-seconds"))).toNanos();
		long prefillMicros = Long.parseLong(options.get("prefill-us"));
		boolean tls = Boolean.parseBoolean(options.get("tls"));
		Path keyStore = Path.of(System.getProperty("java.io.tmpdir"), "responses-ws-bench-" + UUID.randomUUID() + ".p12");
		char[] password = UUID.randomUUID().toString().toCharArray();
		@Nullable SelfSignedCertificate certificate = tls ? SelfSignedCertificate.create(keyStore, password) : null;
		List<String> args = new ArrayList<>(List.of("--mode=simulator", "--steps=" + steps, "--prefill-us=0", "--rtt=0"));
		if (tls) {
			args.addAll(List.of("--keystore=" + keyStore, "--password=" + new String(password)));
		}
		try (ServerHandle server = ServerHandle.start(args.toArray(String[]::new))) {
			String baseUrl = (tls ? "https" : "http") + "://127.0.0.1:" + server.port() + "/v1";
			List<Side> sides = sides(options.get("clients"), baseUrl, certificate);
			try {
				for (Side side : sides) {
					long end = System.nanoTime() + warmupNanos;
					int loops = 0;
					while (loops < 1 || System.nanoTime() - end < 0) {
						runOnce(side, server, steps);
						loops++;
					}
					System.out.println("warmed up " + side.name() + " with " + loops + " loops");
				}
				List<Row> rows = new ArrayList<>();
				for (String rtt : options.get("rtt").split(",")) {
					int rttMillis = Integer.parseInt(rtt.trim());
					server.configure(rttMillis, prefillMicros);
					Row row = measure(sides, server, steps, iterations, warmup, prefillMicros, rttMillis);
					System.out.println(row.summary());
					rows.add(row);
				}
				return new Result(options, rows);
			}
			finally {
				sides.forEach(Side::close);
			}
		}
		finally {
			try {
				Files.deleteIfExists(keyStore);
			}
			catch (IOException ex) {
				// a temporary file left behind is harmless
			}
		}
	}

	private static List<Side> sides(String clients, String baseUrl, @Nullable SelfSignedCertificate certificate) {
		List<Side> sides = new ArrayList<>();
		for (String client : clients.split(",")) {
			sides.add(switch (client.trim()) {
				case "ws" -> new OurSide(TransportMode.WEBSOCKET, baseUrl, certificate);
				case "http" -> new OurSide(TransportMode.HTTP, baseUrl, certificate);
				case "openai-ws" -> new OfficialSide(true, baseUrl, certificate);
				case "openai-http" -> new OfficialSide(false, baseUrl, certificate);
				default -> throw new IllegalArgumentException(
						"Unknown client " + client + ", expected ws, http, openai-ws or openai-http");
			});
		}
		return sides;
	}

	private static Row measure(List<Side> sides, ServerHandle server, int steps, int iterations, int warmup,
			long prefillMicros, int rttMillis) {
		List<Samples> samples = new ArrayList<>();
		for (Side side : sides) {
			samples.add(new Samples(side.name()));
		}
		for (int round = 0; round < warmup + iterations; round++) {
			for (int i = 0; i < sides.size(); i++) {
				Sample sample = runOnce(sides.get(i), server, steps);
				if (round >= warmup) {
					samples.get(i).add(sample);
				}
			}
		}
		List<SideResult> results = new ArrayList<>();
		for (Samples side : samples) {
			results.add(side.result(steps + 1, prefillMicros, rttMillis));
		}
		return new Row(rttMillis, results);
	}

	private static Sample runOnce(Side side, ServerHandle server, int steps) {
		side.beforeLoop();
		long bytesBefore = server.bytesUpstream();
		long serverBefore = server.serverNanos();
		long cpuBefore = Measure.processCpuNanos();
		long threadsBefore = Measure.javaThreadsCpuNanos();
		long start = System.nanoTime();
		long inputTokens = side.loop(steps);
		long elapsed = System.nanoTime() - start;
		long threads = Measure.javaThreadsCpuNanos() - threadsBefore;
		long cpu = Measure.processCpuNanos() - cpuBefore;
		return new Sample(elapsed, cpu, threads, server.bytesUpstream() - bytesBefore, inputTokens,
				server.serverNanos() - serverBefore);
	}

	static AgentTool stepTool() {
		return AgentTool.of("step", "Runs one step of the task and returns its result.",
				"{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},\"required\":[\"step\"]}",
				(arguments) -> "{\"step\":" + arguments.path("step").asInt() + ",\"status\":\"done\"}");
	}

	/** One client running loops. */
	private interface Side extends AutoCloseable {

		String name();

		/** Untimed preparation of the next loop. */
		void beforeLoop();

		/** Run one loop; returns the input tokens the server reported. */
		long loop(int steps);

		@Override
		void close();

	}

	private static final class OurSide implements Side {

		private final TransportMode transport;

		private final ResponsesSession session;

		private @Nullable Conversation conversation;

		OurSide(TransportMode transport, String baseUrl, @Nullable SelfSignedCertificate certificate) {
			this.transport = transport;
			ResponsesSession.Builder builder = ResponsesSession.builder()
				.baseUrl(baseUrl)
				.apiKey("sk-benchmark")
				.transport(transport)
				.connections(1, 1);
			if (certificate != null) {
				builder.httpClient((client) -> client.secure((spec) -> spec.sslContext(certificate.clientContext())));
			}
			this.session = builder.build();
			this.session.connect().block(Duration.ofSeconds(30));
		}

		@Override
		public String name() {
			return (this.transport == TransportMode.WEBSOCKET) ? Row.OURS : Row.OUR_HTTP;
		}

		@Override
		public void beforeLoop() {
			Conversation next = Conversation.builder(this.session)
				.settings(CreateResponse.builder().model("simulated").instructions(INSTRUCTIONS).store(false).build())
				.build();
			if (this.transport == TransportMode.WEBSOCKET) {
				next.warmup().block(Duration.ofSeconds(30));
			}
			this.conversation = next;
		}

		@Override
		public long loop(int steps) {
			Conversation current = this.conversation;
			if (current == null) {
				throw new IllegalStateException("beforeLoop() first");
			}
			AgentResult result = current
				.runForResult(PROMPT, List.of(stepTool()), AgentOptions.DEFAULTS.withMaxSteps(steps + 5))
				.block(LOOP_TIMEOUT);
			if (result == null || result.toolCalls() != steps) {
				throw new IllegalStateException(name() + " did not run " + steps + " tool calls: " + result);
			}
			return result.usage().inputTokens();
		}

		@Override
		public void close() {
			this.session.close();
		}

	}

	private static final class OfficialSide implements Side {

		private final boolean webSocket;

		private final OfficialClientLoop client;

		private @Nullable String warmupId;

		OfficialSide(boolean webSocket, String baseUrl, @Nullable SelfSignedCertificate certificate) {
			this.webSocket = webSocket;
			this.client = new OfficialClientLoop(baseUrl, (certificate != null)
					? new OfficialClientLoop.Tls(certificate.jdkClientContext(), certificate.trustManager()) : null,
					INSTRUCTIONS);
			if (webSocket) {
				this.client.openWebSocket();
			}
		}

		@Override
		public String name() {
			return this.webSocket ? Row.OFFICIAL_WEBSOCKET : "openai-java HTTP streaming";
		}

		@Override
		public void beforeLoop() {
			if (this.webSocket) {
				this.warmupId = this.client.warmup();
			}
		}

		@Override
		public long loop(int steps) {
			String warmed = this.warmupId;
			OfficialClientLoop.Outcome outcome = (this.webSocket && warmed != null)
					? this.client.runOverWebSocket(PROMPT, warmed) : this.client.runOverHttp(PROMPT);
			if (outcome.toolCalls() != steps) {
				throw new IllegalStateException(name() + " did not run " + steps + " tool calls: " + outcome);
			}
			return outcome.inputTokens();
		}

		@Override
		public void close() {
			this.client.close();
		}

	}

	private record Sample(long elapsedNanos, long cpuNanos, long threadCpuNanos, long bytesSent, long inputTokens,
			long serverNanos) {
	}

	private static final class Samples {

		private final String name;

		private final List<Sample> samples = new ArrayList<>();

		Samples(String name) {
			this.name = name;
		}

		void add(Sample sample) {
			this.samples.add(sample);
		}

		SideResult result(int turns, long prefillMicros, int rttMillis) {
			List<Double> millis = new ArrayList<>();
			double cpu = 0;
			double threadCpu = 0;
			double bytes = 0;
			double tokens = 0;
			List<Double> floors = new ArrayList<>();
			for (Sample sample : this.samples) {
				millis.add(sample.elapsedNanos() / 1e6);
				cpu += sample.cpuNanos();
				threadCpu += sample.threadCpuNanos();
				bytes += sample.bytesSent();
				tokens += sample.inputTokens();
				floors.add(sample.serverNanos() / 1e6 + (double) turns * rttMillis);
			}
			int count = this.samples.size();
			return new SideResult(this.name, Measure.percentile(millis, 50), Measure.percentile(millis, 95),
					cpu / count / turns / 1000.0, threadCpu / count / turns / 1000.0, bytes / count,
					tokens / count * prefillMicros / 1000.0,
					Measure.percentile(floors, 50));
		}

	}

	/**
	 * One client's figures at one round-trip time.
	 * @param name the client
	 * @param medianMillis median loop time
	 * @param p95Millis 95th percentile loop time
	 * @param cpuMicrosPerTurn client process CPU time per turn, garbage collection and JIT included
	 * @param threadCpuMicrosPerTurn CPU time of the client's Java threads per turn
	 * @param bytesPerLoop bytes the client sent per loop
	 * @param prefillMillis the simulated prefill cost of the tokens this client made the server
	 * process, per loop
	 * @param floorMillis the median of the simulator's own time per loop plus one round trip per
	 * turn
	 */
	record SideResult(String name, double medianMillis, double p95Millis, double cpuMicrosPerTurn,
			double threadCpuMicrosPerTurn, double bytesPerLoop, double prefillMillis, double floorMillis) {
	}

	/**
	 * All clients at one round-trip time.
	 * @param rttMillis the round-trip time
	 * @param sides the sides, in the order they ran
	 */
	record Row(int rttMillis, List<SideResult> sides) {

		static final String OURS = "responses-ws WebSocket";

		static final String OUR_HTTP = "responses-ws HTTP/SSE";

		static final String OFFICIAL_WEBSOCKET = "openai-java WebSocket";

		/** @return the median loop time of this client, NaN if it did not run */
		double median(String name) {
			return this.sides.stream()
				.filter((side) -> side.name().equals(name))
				.mapToDouble(SideResult::medianMillis)
				.findFirst()
				.orElse(Double.NaN);
		}

		/** @return the floor of our WebSocket client, NaN if it did not run */
		double ourFloor() {
			return this.sides.stream()
				.filter((side) -> side.name().equals(OURS))
				.mapToDouble(SideResult::floorMillis)
				.findFirst()
				.orElse(Double.NaN);
		}

		/** @return how much faster our WebSocket loop is than our HTTP loop, 0.4 for 40% */
		double speedupOverHttp() {
			return 1 - median(OURS) / median(OUR_HTTP);
		}

		String summary() {
			StringBuilder summary = new StringBuilder("rtt " + this.rttMillis + " ms:");
			for (SideResult side : this.sides) {
				summary.append(String.format(Locale.ROOT, "%n  %-28s median %8.1f ms  p95 %8.1f ms  cpu/turn %7.0f us  sent/loop %8.0f B  floor %7.1f ms (prefill %7.1f)",
						side.name(), side.medianMillis(), side.p95Millis(), side.cpuMicrosPerTurn(),
						side.bytesPerLoop(), side.floorMillis(), side.prefillMillis()));
			}
			return summary.toString();
		}

	}

	/**
	 * The whole comparison.
	 * @param options the options it ran with
	 * @param rows one row per round-trip time
	 */
	record Result(Map<String, String> options, List<Row> rows) {

		String markdown() {
			StringBuilder markdown = new StringBuilder();
			markdown.append(String.format(Locale.ROOT,
					"%s tool calls per loop (%d turns), %s measured loops per client after %s warm-up loops, "
							+ "prefill cost %s us per processed input token, TLS %s. The simulator and the latency proxy "
							+ "run in their own JVM; CPU is the client JVM's: the process's (all threads, garbage collection and "
							+ "JIT included, counted by Linux in 10 ms ticks) and its Java threads' (nanosecond clocks).%n%n",
					this.options.get("steps"), Integer.parseInt(this.options.get("steps")) + 1,
					this.options.get("iterations"), this.options.get("warmup"), this.options.get("prefill-us"),
					Boolean.parseBoolean(this.options.get("tls")) ? "on" : "off"));
			markdown.append("| RTT | client | median loop (p95) | floor (prefill part) | vs. floor | CPU per turn: process (Java threads) | bytes sent per loop |\n");
			markdown.append("|---|---|---|---|---|---|---|\n");
			for (Row row : this.rows) {
				for (SideResult side : row.sides()) {
					markdown.append(String.format(Locale.ROOT, "| %d ms | %s | %.1f ms (%.1f) | %.1f ms (%.1f) | %.3fx | %.0f us (%.0f us) | %.0f |%n",
							row.rttMillis(), side.name(), side.medianMillis(), side.p95Millis(), side.floorMillis(),
							side.prefillMillis(), side.medianMillis() / side.floorMillis(), side.cpuMicrosPerTurn(),
							side.threadCpuMicrosPerTurn(), side.bytesPerLoop()));
				}
			}
			markdown.append("\n| RTT | our WebSocket faster than our HTTP by | ours / openai-java WebSocket (median) | ours / floor |\n");
			markdown.append("|---|---|---|---|\n");
			for (Row row : this.rows) {
				markdown.append(String.format(Locale.ROOT, "| %d ms | %.0f%% | %.3f | %.3f |%n", row.rttMillis(),
						row.speedupOverHttp() * 100, row.median(Row.OURS) / row.median(Row.OFFICIAL_WEBSOCKET),
						row.median(Row.OURS) / row.ourFloor()));
			}
			markdown.append("\nThe floor of a client is the simulator's own time on that client's turns (measured by the "
					+ "simulator from planning each request to producing its terminal event, the simulated prefill "
					+ "included) plus one round trip per turn: what an infinitely fast client would take. The HTTP "
					+ "clients' floor is higher because they make the server process the whole context every turn.\n");
			return markdown.toString();
		}

		String chart() {
			List<String> groups = new ArrayList<>();
			List<List<Double>> values = new ArrayList<>();
			for (Row row : this.rows) {
				groups.add("RTT " + row.rttMillis() + " ms");
				List<Double> group = new ArrayList<>();
				row.sides().forEach((side) -> group.add(side.medianMillis()));
				group.add(row.ourFloor());
				values.add(group);
			}
			List<String> series = new ArrayList<>();
			this.rows.get(0).sides().forEach((side) -> series.add(side.name()));
			series.add("floor (our WebSocket loop)");
			return Chart.bars("Median agent loop time (ms), " + this.options.get("steps") + " tool calls", groups,
					series, values);
		}

	}

}
