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
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

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
 * alike.
 *
 * <p>Every loop starts with no connection open, as a new task on a client that has none: its
 * time runs from the call to the final answer and includes opening the connection (TCP, TLS
 * and, for WebSocket, the upgrade) and, for the WebSocket clients, the warm-up that carries the
 * instructions and tools. Only building the client objects and closing them afterwards are left
 * out. Per side it reports the median and p95 loop time, client CPU per turn, the bytes sent per
 * loop (the requests' JSON before compression, and what the client's TCP connections carried to
 * the latency proxy) and the floor: the simulator's own time on the loop's requests, plus one
 * round trip per request, plus the time a minimal client ({@link ConnectionOpening}) takes to
 * open the same kind of connection.
 *
 * <p>Cost model of the simulator: the first output of a turn waits {@code --prefill-us}
 * microseconds per input token the server has to process (one token per four characters of
 * JSON); instructions and tools are processed on every turn, history only on a cache miss
 * (always over HTTP with {@code store:false}). Answers stream without delay.
 */
public final class AgentLoopComparison {

	static final String INSTRUCTIONS = "You are an agent that completes multi-step tasks with tools. ".repeat(40);

	static final String PROMPT = "Run all the steps.";

	private static final Duration LOOP_TIMEOUT = Duration.ofMinutes(5);

	private static final int OPENING_WARMUP = 200;

	private static final int OPENING_SAMPLES = 9;

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
	 * Run every round-trip time against one server process: first a warm-up of every client, and
	 * of the minimal client that measures the opening floor, at zero latency and zero prefill
	 * cost, so that the JIT has compiled the hot paths, then per round-trip time the opening floor,
	 * a few more warm-up loops and the measured ones.
	 * @param options the options
	 * @return the rows
	 */
	static Result run(Map<String, String> options) {
		String clients = options.get("clients");
		return new Result(options, rows(options, options.get("rtt"),
				(baseUrl, certificate) -> sides(clients, baseUrl, certificate)));
	}

	/**
	 * Run these sides against one server process, as {@link #run(Map)} does: start the
	 * simulator (a tool loop of {@code --steps} calls) behind the latency proxy, with TLS when
	 * {@code --tls} says so, warm up every side and the minimal client, then measure each
	 * round-trip time.
	 * @param options the options: {@code steps}, {@code iterations}, {@code warmup},
	 * {@code warmup-seconds}, {@code prefill-us} and {@code tls}
	 * @param rtts the round-trip times in milliseconds, separated by commas
	 * @param sides makes the sides, given the server's base URL and its certificate
	 * @return one row per round-trip time
	 */
	static List<Row> rows(Map<String, String> options, String rtts, SideFactory sides) {
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
			List<Side> clients = sides.create(baseUrl, certificate);
			ConnectionOpening opening = new ConnectionOpening("127.0.0.1", server.port(),
					(certificate != null) ? certificate.jdkClientContext() : null);
			try {
				for (int i = 0; i < OPENING_WARMUP; i++) {
					opening.openNanos(true);
					opening.openNanos(false);
				}
				server.awaitNoConnections(Duration.ofSeconds(30));
				for (Side side : clients) {
					long end = System.nanoTime() + warmupNanos;
					int loops = 0;
					while (loops < 1 || System.nanoTime() - end < 0) {
						runOnce(side, server, steps);
						loops++;
					}
					System.out.println("warmed up " + side.name() + " with " + loops + " loops");
				}
				List<Row> rows = new ArrayList<>();
				for (String rtt : rtts.split(",")) {
					int rttMillis = Integer.parseInt(rtt.trim());
					server.configure(rttMillis, prefillMicros);
					Opening floors = new Opening(opening.medianMillis(true, OPENING_SAMPLES),
							opening.medianMillis(false, OPENING_SAMPLES));
					server.awaitNoConnections(Duration.ofSeconds(30));
					Row row = measure(clients, server, steps, iterations, warmup, prefillMicros, rttMillis, floors);
					System.out.println(row.summary());
					rows.add(row);
				}
				return rows;
			}
			finally {
				clients.forEach(Side::close);
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
		@Nullable SslContext tls = (certificate != null) ? certificate.clientContext() : null;
		for (String client : clients.split(",")) {
			sides.add(switch (client.trim()) {
				case "ws" -> new OurSide(Row.OURS, TransportMode.WEBSOCKET, true, baseUrl, tls);
				case "http" -> new OurSide(Row.OUR_HTTP, TransportMode.HTTP, false, baseUrl, tls);
				case "openai-ws" -> new OfficialSide(true, baseUrl, certificate);
				case "openai-http" -> new OfficialSide(false, baseUrl, certificate);
				default -> throw new IllegalArgumentException(
						"Unknown client " + client + ", expected ws, http, openai-ws or openai-http");
			});
		}
		return sides;
	}

	private static Row measure(List<Side> sides, ServerHandle server, int steps, int iterations, int warmup,
			long prefillMicros, int rttMillis, Opening opening) {
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
		for (int i = 0; i < sides.size(); i++) {
			results.add(samples.get(i).result(steps + 1, prefillMicros, rttMillis,
					sides.get(i).webSocket() ? opening.webSocketMillis() : opening.httpMillis()));
		}
		return new Row(rttMillis, opening, results);
	}

	private static Sample runOnce(Side side, ServerHandle server, int steps) {
		side.beforeLoop();
		server.received();
		long bytesBefore = server.bytesUpstream();
		long serverBefore = server.serverNanos();
		long cpuBefore = Measure.processCpuNanos();
		long threadsBefore = Measure.javaThreadsCpuNanos();
		long start = System.nanoTime();
		long inputTokens = side.loop(steps);
		long elapsed = System.nanoTime() - start;
		long threads = Measure.javaThreadsCpuNanos() - threadsBefore;
		long cpu = Measure.processCpuNanos() - cpuBefore;
		long wire = server.bytesUpstream() - bytesBefore;
		long serverNanos = server.serverNanos() - serverBefore;
		ServerHandle.Received received = server.received();
		side.afterLoop();
		server.awaitNoConnections(Duration.ofSeconds(30));
		return new Sample(elapsed, cpu, threads, received.bytes(), wire, received.messages(), inputTokens,
				serverNanos);
	}

	static AgentTool stepTool() {
		return AgentTool.of("step", "Runs one step of the task and returns its result.",
				"{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},\"required\":[\"step\"]}",
				(arguments) -> "{\"step\":" + arguments.path("step").asInt() + ",\"status\":\"done\"}");
	}

	/**
	 * Makes the sides of a comparison once the server runs.
	 */
	@FunctionalInterface
	interface SideFactory {

		/**
		 * Make the sides.
		 * @param baseUrl the server's base URL, {@code https://127.0.0.1:PORT/v1} with TLS
		 * @param certificate the server's certificate, {@code null} without TLS
		 * @return the sides, in the order they take turns
		 */
		List<Side> create(String baseUrl, @Nullable SelfSignedCertificate certificate);

	}

	/**
	 * One client running loops, each from no open connection: the harness waits after each loop
	 * until the proxy carries none.
	 */
	interface Side extends AutoCloseable {

		String name();

		/** Untimed preparation of the next loop: client objects, no connection. */
		void beforeLoop();

		/**
		 * Run one loop, opening the connection and warming it up first where the client does;
		 * returns the input tokens the server reported.
		 */
		long loop(int steps);

		/** Untimed end of a loop: close its connections. */
		void afterLoop();

		/** Whether the client opens a WebSocket connection, rather than an HTTP one. */
		boolean webSocket();

		@Override
		void close();

	}

	/**
	 * Our {@link Conversation} running the loop with {@code runForResult}, {@code store:false}.
	 */
	static final class OurSide implements Side {

		private final String name;

		private final TransportMode transport;

		private final boolean warmUp;

		private final String baseUrl;

		private final @Nullable SslContext tls;

		private @Nullable LoopSession loopSession;

		private @Nullable Conversation conversation;

		/**
		 * @param name the side's name in the report
		 * @param transport WebSocket or HTTP/SSE
		 * @param warmUp whether a WebSocket loop opens the connection and warms the conversation
		 * up before its first turn; without, the first turn opens the connection and carries the
		 * instructions and tools itself
		 * @param baseUrl the server's base URL
		 * @param tls the client's TLS context, {@code null} without TLS
		 */
		OurSide(String name, TransportMode transport, boolean warmUp, String baseUrl, @Nullable SslContext tls) {
			this.name = name;
			this.transport = transport;
			this.warmUp = warmUp;
			this.baseUrl = baseUrl;
			this.tls = tls;
		}

		@Override
		public String name() {
			return this.name;
		}

		/**
		 * A new session on a connection provider of its own, so that no connection of an earlier
		 * loop, HTTP keep-alive ones included, is left to reuse.
		 */
		@Override
		public void beforeLoop() {
			LoopSession opened = LoopSession.open("agent-loop", this.transport, this.baseUrl, this.tls);
			ResponsesSession next = opened.session();
			this.loopSession = opened;
			this.conversation = Conversation.builder(next)
				.settings(CreateResponse.builder().model("simulated").instructions(INSTRUCTIONS).store(false).build())
				.build();
		}

		@Override
		public long loop(int steps) {
			LoopSession opened = this.loopSession;
			Conversation current = this.conversation;
			if (opened == null || current == null) {
				throw new IllegalStateException("beforeLoop() first");
			}
			if (this.transport == TransportMode.WEBSOCKET && this.warmUp) {
				opened.session().connect().block(Duration.ofSeconds(30));
				current.warmup().block(Duration.ofSeconds(30));
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
		public void afterLoop() {
			LoopSession open = this.loopSession;
			if (open != null) {
				open.close();
			}
			this.loopSession = null;
			this.conversation = null;
		}

		@Override
		public boolean webSocket() {
			return this.transport == TransportMode.WEBSOCKET;
		}

		@Override
		public void close() {
			afterLoop();
		}

	}

	private static final class OfficialSide implements Side {

		private final boolean webSocket;

		private final String baseUrl;

		private final OfficialClientLoop.@Nullable Tls tls;

		/** The WebSocket side's client, kept across loops; the HTTP side's, made per loop. */
		private @Nullable OfficialClientLoop client;

		OfficialSide(boolean webSocket, String baseUrl, @Nullable SelfSignedCertificate certificate) {
			this.webSocket = webSocket;
			this.baseUrl = baseUrl;
			this.tls = (certificate != null)
					? new OfficialClientLoop.Tls(certificate.jdkClientContext(), certificate.trustManager()) : null;
			if (webSocket) {
				this.client = newClient();
			}
		}

		private OfficialClientLoop newClient() {
			return new OfficialClientLoop(this.baseUrl, this.tls, INSTRUCTIONS);
		}

		@Override
		public String name() {
			return this.webSocket ? Row.OFFICIAL_WEBSOCKET : "openai-java HTTP streaming";
		}

		/**
		 * Over HTTP, a new client: its OkHttp pool holds no keep-alive connection of an earlier
		 * loop. Over WebSocket every loop opens a connection of its own anyway.
		 */
		@Override
		public void beforeLoop() {
			if (!this.webSocket) {
				this.client = newClient();
			}
		}

		@Override
		public long loop(int steps) {
			OfficialClientLoop current = this.client;
			if (current == null) {
				throw new IllegalStateException("beforeLoop() first");
			}
			OfficialClientLoop.Outcome outcome;
			if (this.webSocket) {
				current.openWebSocket();
				outcome = current.runOverWebSocket(PROMPT, current.warmup());
			}
			else {
				outcome = current.runOverHttp(PROMPT);
			}
			if (outcome.toolCalls() != steps) {
				throw new IllegalStateException(name() + " did not run " + steps + " tool calls: " + outcome);
			}
			return outcome.inputTokens();
		}

		@Override
		public void afterLoop() {
			OfficialClientLoop current = this.client;
			if (current == null) {
				return;
			}
			if (this.webSocket) {
				current.closeWebSocket();
			}
			else {
				current.close();
				this.client = null;
			}
		}

		@Override
		public boolean webSocket() {
			return this.webSocket;
		}

		@Override
		public void close() {
			OfficialClientLoop current = this.client;
			if (current != null) {
				current.close();
				this.client = null;
			}
		}

	}

	/**
	 * One loop's figures.
	 * @param payloadBytes the UTF-8 bytes of the messages the simulator received, before
	 * compression
	 * @param wireBytes the bytes the client's TCP connections carried to the proxy
	 * @param requests the messages the simulator received
	 */
	private record Sample(long elapsedNanos, long cpuNanos, long threadCpuNanos, long payloadBytes, long wireBytes,
			long requests, long inputTokens, long serverNanos) {
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

		SideResult result(int turns, long prefillMicros, int rttMillis, double openingMillis) {
			List<Double> millis = new ArrayList<>();
			double cpu = 0;
			double threadCpu = 0;
			double payload = 0;
			double wire = 0;
			double tokens = 0;
			List<Double> floors = new ArrayList<>();
			for (Sample sample : this.samples) {
				millis.add(sample.elapsedNanos() / 1e6);
				cpu += sample.cpuNanos();
				threadCpu += sample.threadCpuNanos();
				payload += sample.payloadBytes();
				wire += sample.wireBytes();
				tokens += sample.inputTokens();
				floors.add(sample.serverNanos() / 1e6 + (double) sample.requests() * rttMillis + openingMillis);
			}
			int count = this.samples.size();
			return new SideResult(this.name, Measure.percentile(millis, 50), Measure.percentile(millis, 95),
					cpu / count / turns / 1000.0, threadCpu / count / turns / 1000.0, payload / count, wire / count,
					tokens / count * prefillMicros / 1000.0, Measure.percentile(floors, 50));
		}

	}

	/**
	 * One client's figures at one round-trip time.
	 * @param name the client
	 * @param medianMillis median loop time
	 * @param p95Millis 95th percentile loop time
	 * @param cpuMicrosPerTurn client process CPU time per turn, garbage collection and JIT included
	 * @param threadCpuMicrosPerTurn CPU time of the client's Java threads per turn
	 * @param payloadBytesPerLoop bytes of the requests' JSON per loop, before compression
	 * @param wireBytesPerLoop bytes the client's TCP connections carried to the server per loop
	 * @param prefillMillis the simulated prefill cost of the tokens this client made the server
	 * process, per loop
	 * @param floorMillis the median of the simulator's own time per loop, plus one round trip per
	 * request, plus the time a minimal client takes to open the same kind of connection
	 */
	record SideResult(String name, double medianMillis, double p95Millis, double cpuMicrosPerTurn,
			double threadCpuMicrosPerTurn, double payloadBytesPerLoop, double wireBytesPerLoop, double prefillMillis,
			double floorMillis) {
	}

	/**
	 * The median time a minimal client ({@link ConnectionOpening}) took to open a connection.
	 * @param webSocketMillis a WebSocket connection: TLS handshake and upgrade
	 * @param httpMillis an HTTP connection: TLS handshake
	 */
	record Opening(double webSocketMillis, double httpMillis) {
	}

	/**
	 * All clients at one round-trip time.
	 * @param rttMillis the round-trip time
	 * @param opening what opening a connection took a minimal client at this round-trip time
	 * @param sides the sides, in the order they ran
	 */
	record Row(int rttMillis, Opening opening, List<SideResult> sides) {

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
			StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
					"rtt %d ms (a minimal client opens a WebSocket connection in %.1f ms, an HTTP one in %.1f ms):",
					this.rttMillis, this.opening.webSocketMillis(), this.opening.httpMillis()));
			for (SideResult side : this.sides) {
				summary.append(String.format(Locale.ROOT, "%n  %-28s median %8.1f ms  p95 %8.1f ms  cpu/turn %7.0f us  sent/loop %8.0f B json, %8.0f B wire  floor %7.1f ms (prefill %7.1f)",
						side.name(), side.medianMillis(), side.p95Millis(), side.cpuMicrosPerTurn(),
						side.payloadBytesPerLoop(), side.wireBytesPerLoop(), side.floorMillis(), side.prefillMillis()));
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
			boolean tls = Boolean.parseBoolean(this.options.get("tls"));
			StringBuilder markdown = new StringBuilder();
			markdown.append(String.format(Locale.ROOT,
					"%s tool calls per loop (%d turns), %s measured loops per client after %s warm-up loops, "
							+ "prefill cost %s us per processed input token, TLS %s. The simulator and the latency proxy "
							+ "run in their own JVM; CPU is the client JVM's: the process's (all threads, garbage collection and "
							+ "JIT included, counted by Linux in 10 ms ticks) and its Java threads' (nanosecond clocks).%n%n"
							+ "Every loop starts with no connection open, as a new task on a client that has none, and its time "
							+ "runs from the call to the final answer: it includes opening the connection (%s) and, for the "
							+ "WebSocket clients, the warm-up (`generate:false` with the instructions and tools) that their "
							+ "first turn chains from. Only building the client objects before the loop and closing them after "
							+ "it are left out. The HTTP clients get a new connection pool per loop, so they cannot reuse a "
							+ "keep-alive connection of the loop before. The CPU per turn is the loop's divided by its turns, "
							+ "opening and warm-up included.%n%n"
							+ "Bytes sent per loop, two counts: the requests' JSON, the UTF-8 bytes of each `response.create` "
							+ "message or HTTP body as the simulator received it, before any compression; and on the wire, "
							+ "the bytes the client's TCP connections carried to the server as the latency proxy counted them "
							+ "while forwarding: %sHTTP request headers or the WebSocket upgrade, WebSocket framing with "
							+ "the messages compressed by permessage-deflate when both sides agreed on it, and HTTP bodies as "
							+ "sent (TCP and IP headers are not counted).%n%n",
					this.options.get("steps"), Integer.parseInt(this.options.get("steps")) + 1,
					this.options.get("iterations"), this.options.get("warmup"), this.options.get("prefill-us"),
					tls ? "on" : "off",
					tls ? "TCP, TLS and, for WebSocket, the upgrade" : "TCP and, for WebSocket, the upgrade",
					tls ? "TLS records, holding the TLS handshake, " : ""));
			markdown.append("| RTT | client | median loop (p95) | floor (prefill part) | vs. floor | CPU per turn: process (Java threads) | bytes sent per loop: JSON (on the wire) |\n");
			markdown.append("|---|---|---|---|---|---|---|\n");
			for (Row row : this.rows) {
				for (SideResult side : row.sides()) {
					markdown.append(String.format(Locale.ROOT, "| %d ms | %s | %.1f ms (%.1f) | %.1f ms (%.1f) | %.3fx | %.0f us (%.0f us) | %.0f (%.0f) |%n",
							row.rttMillis(), side.name(), side.medianMillis(), side.p95Millis(), side.floorMillis(),
							side.prefillMillis(), side.medianMillis() / side.floorMillis(), side.cpuMicrosPerTurn(),
							side.threadCpuMicrosPerTurn(), side.payloadBytesPerLoop(), side.wireBytesPerLoop()));
				}
			}
			markdown.append("\n| RTT | our WebSocket faster than our HTTP by | ours / openai-java WebSocket (median) | ours / floor | opening floor: WebSocket (HTTP) |\n");
			markdown.append("|---|---|---|---|---|\n");
			for (Row row : this.rows) {
				markdown.append(String.format(Locale.ROOT, "| %d ms | %.0f%% | %.3f | %.3f | %.1f ms (%.1f ms) |%n",
						row.rttMillis(), row.speedupOverHttp() * 100,
						row.median(Row.OURS) / row.median(Row.OFFICIAL_WEBSOCKET), row.median(Row.OURS) / row.ourFloor(),
						row.opening().webSocketMillis(), row.opening().httpMillis()));
			}
			markdown.append(String.format(Locale.ROOT, "%nThe loop times compared above, and so the \"faster by\" "
					+ "figures, include the WebSocket clients' connection opening and warm-up. The floor of a client is "
					+ "what an infinitely fast client would take: the simulator's own time on that client's requests "
					+ "(measured by the simulator from planning each request to producing its terminal event, the "
					+ "simulated prefill included, the warm-up's too), plus one round trip per request it received, "
					+ "plus the opening floor: the median time a minimal client (a JDK socket%s) took to open the same "
					+ "kind of connection through the proxy at that round-trip time, the server's share of the work "
					+ "included. The HTTP clients' floor is higher because they make the server process the whole "
					+ "context every turn.%n",
					tls ? " doing its TLS handshake, and for WebSocket an upgrade request written by hand"
							: ", and for WebSocket an upgrade request written by hand"));
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


	/**
	 * A session of one connection for one loop, on a connection provider of its own, so that no
	 * connection of an earlier loop, HTTP keep-alive ones included, is left to reuse.
	 * @param connections the loop's connection provider
	 * @param session the session on it
	 */
	record LoopSession(ConnectionProvider connections, ResponsesSession session) {

		/**
		 * Open the session of a loop.
		 * @param poolName the name of the loop's connection provider
		 * @param transport the transport
		 * @param baseUrl the server's base URL
		 * @param tls the client's TLS context, {@code null} without TLS
		 * @return the loop's session
		 */
		static LoopSession open(String poolName, TransportMode transport, String baseUrl, @Nullable SslContext tls) {
			ConnectionProvider provider = ConnectionProvider.create(poolName, 1);
			HttpClient client = HttpClient.create(provider);
			if (tls != null) {
				client = client.secure((spec) -> spec.sslContext(tls));
			}
			ResponsesSession session = ResponsesSession.builder()
				.baseUrl(baseUrl)
				.apiKey("sk-benchmark")
				.transport(transport)
				.connections(1, 1)
				.httpClient(client)
				.build();
			return new LoopSession(provider, session);
		}

		/** Close the session, then its connection provider. */
		void close() {
			this.session.close(Duration.ofSeconds(10)).block(Duration.ofSeconds(30));
			this.connections.disposeLater().block(Duration.ofSeconds(30));
		}

	}

}
