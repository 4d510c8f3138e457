package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.springai.ResponsesWsChatModel;
import dev.responsesws.springai.ResponsesWsChatOptions;
import dev.responsesws.test.SelfSignedCertificate;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * Part H: the Spring AI bridge, {@link ResponsesWsChatModel}, running a tool loop of
 * {@code --steps} calls through Spring AI's {@link ChatClient} against the simulator behind the
 * latency proxy (in its own JVM, TLS on, the prefill cost of part B), three sides taking turns:
 * <ol>
 * <li>the bridge over WebSocket: after the first turn, each tool-output turn chained by the
 * model's prefix chaining, sending only its {@code function_call_output};</li>
 * <li>the same bridge on a session using the HTTP/SSE transport, {@code store:false}: the whole
 * context every turn;</li>
 * <li>our {@code Conversation} over WebSocket running the same loop with {@code runForResult},
 * as part B's WebSocket client does but without the warm-up, so that it sends the same requests
 * as the bridge: a first turn with the instructions, the tool and the prompt, then the tool
 * outputs.</li>
 * </ol>
 * The tool is a {@link ToolCallback} with the name, description, schema and result of part B's
 * {@link AgentLoopComparison#stepTool()}, so that both WebSocket sides make the server process
 * the same tokens. Every loop starts with no connection open (a new session per loop, on a
 * connection provider of its own) and its time, from the call to the final answer, includes
 * opening the connection; building the session, the model and the {@code ChatClient} before it,
 * and closing them after it, are left out. Floors are part B's: the simulator's own time on the
 * side's requests, plus one round trip per request, plus the time a minimal client takes to open
 * the same kind of connection.
 */
final class SpringAiBridgeComparison {

	static final String BRIDGE_WEBSOCKET = "Spring AI bridge WebSocket";

	static final String BRIDGE_HTTP = "Spring AI bridge HTTP/SSE";

	static final String CONVERSATION = "responses-ws Conversation WebSocket";

	private static final Duration LOOP_TIMEOUT = Duration.ofMinutes(5);

	private SpringAiBridgeComparison() {
	}

	/**
	 * Return this part's own options; it also reads part B's {@code steps}, {@code iterations},
	 * {@code warmup}, {@code warmup-seconds}, {@code prefill-us} and {@code tls}.
	 * @return the defaults
	 */
	static Map<String, String> defaults() {
		return Map.of("springai-rtt", "20");
	}

	/**
	 * Run the three sides at every round-trip time of {@code --springai-rtt}.
	 * @param options the options
	 * @return the result
	 */
	static Result run(Map<String, String> options) {
		List<AgentLoopComparison.Row> rows = AgentLoopComparison.rows(options, options.get("springai-rtt"),
				SpringAiBridgeComparison::sides);
		return new Result(options, rows);
	}

	private static List<AgentLoopComparison.Side> sides(String baseUrl, @Nullable SelfSignedCertificate certificate) {
		@Nullable SslContext tls = (certificate != null) ? certificate.clientContext() : null;
		return List.of(new BridgeSide(BRIDGE_WEBSOCKET, TransportMode.WEBSOCKET, baseUrl, tls),
				new BridgeSide(BRIDGE_HTTP, TransportMode.HTTP, baseUrl, tls),
				new AgentLoopComparison.OurSide(CONVERSATION, TransportMode.WEBSOCKET, false, baseUrl, tls));
	}

	/**
	 * Part B's step tool as a Spring AI {@link ToolCallback}: the same definition and the same
	 * result, counting its calls.
	 */
	static final class StepToolCallback implements ToolCallback {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final ToolDefinition definition;

		private final AtomicInteger calls = new AtomicInteger();

		StepToolCallback() {
			FunctionTool step = AgentLoopComparison.stepTool().definition();
			this.definition = ToolDefinition.builder()
				.name(step.name())
				.description(Objects.requireNonNullElse(step.description(), ""))
				.inputSchema(step.parameters().toString())
				.build();
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition;
		}

		@Override
		public String call(String toolInput) {
			this.calls.incrementAndGet();
			int step = JSON.readTree(toolInput).path("step").asInt();
			return "{\"step\":" + step + ",\"status\":\"done\"}";
		}

		/**
		 * Return the calls since the last time this was asked.
		 * @return the number of calls
		 */
		int takeCalls() {
			return this.calls.getAndSet(0);
		}

	}

	/**
	 * The bridge on a session of the given transport, called through a {@link ChatClient} that
	 * runs the tool loop; the history is the prompt's, resent in full on every call as Spring AI
	 * does.
	 */
	private static final class BridgeSide implements AgentLoopComparison.Side {

		private final String name;

		private final TransportMode transport;

		private final String baseUrl;

		private final @Nullable SslContext tls;

		private final StepToolCallback tool = new StepToolCallback();

		private AgentLoopComparison.@Nullable LoopSession loopSession;

		private @Nullable ChatClient chatClient;

		BridgeSide(String name, TransportMode transport, String baseUrl, @Nullable SslContext tls) {
			this.name = name;
			this.transport = transport;
			this.baseUrl = baseUrl;
			this.tls = tls;
		}

		@Override
		public String name() {
			return this.name;
		}

		/**
		 * A new session on a connection provider of its own, a new model on it (so no chain of
		 * an earlier loop is remembered) and a new {@code ChatClient}.
		 */
		@Override
		public void beforeLoop() {
			AgentLoopComparison.LoopSession opened = AgentLoopComparison.LoopSession.open("spring-ai-bridge",
					this.transport, this.baseUrl, this.tls);
			ResponsesWsChatModel model = ResponsesWsChatModel.builder(opened.session())
				.defaultOptions(ResponsesWsChatOptions.builder().model("simulated").store(false).build())
				.build();
			this.loopSession = opened;
			this.chatClient = ChatClient.builder(model).defaultSystem(AgentLoopComparison.INSTRUCTIONS).build();
			this.tool.takeCalls();
		}

		@Override
		public long loop(int steps) {
			ChatClient current = this.chatClient;
			if (current == null) {
				throw new IllegalStateException("beforeLoop() first");
			}
			ChatResponse response = current.prompt()
				.user(AgentLoopComparison.PROMPT)
				.toolCallbacks(this.tool)
				.call()
				.chatResponse();
			int calls = this.tool.takeCalls();
			if (response == null || calls != steps || response.getResult() == null) {
				throw new IllegalStateException(this.name + " ran " + calls + " tool calls, not " + steps + ": " + response);
			}
			Usage usage = response.getMetadata().getUsage();
			Integer promptTokens = usage.getPromptTokens();
			return (promptTokens != null) ? promptTokens : 0;
		}

		@Override
		public void afterLoop() {
			AgentLoopComparison.LoopSession open = this.loopSession;
			if (open != null) {
				open.close();
			}
			this.loopSession = null;
			this.chatClient = null;
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

	/**
	 * The part's figures.
	 * @param options the options it ran with
	 * @param rows one row per round-trip time
	 */
	record Result(Map<String, String> options, List<AgentLoopComparison.Row> rows) {

		/**
		 * Return the section of the report: the table, how the figures were taken, and each
		 * figure against its target.
		 * @return markdown
		 */
		String markdown() {
			boolean tls = Boolean.parseBoolean(this.options.get("tls"));
			StringBuilder markdown = new StringBuilder("## H. Spring AI bridge\n\n");
			markdown.append(String.format(Locale.ROOT, "A tool loop of %s calls (%d turns) through Spring AI's "
					+ "`ChatClient` (a `ToolCallback` with part B's step tool, run by the `ChatClient`) over "
					+ "`ResponsesWsChatModel`, against the simulator behind the latency proxy in their own JVM, "
					+ "prefill cost %s us per processed input token, TLS %s; %s measured loops per side after %s "
					+ "warm-up loops, the sides taking turns. The bridge runs on a session using WebSocket (each "
					+ "tool-output turn chained by its prefix chaining) and on one using HTTP/SSE with `store:false` "
					+ "(the whole context every turn). Our `Conversation` runs the same loop on WebSocket with "
					+ "`runForResult`, as part B's client but without its warm-up, so that it sends the same requests "
					+ "as the bridge (a first turn with the instructions, the tool and the prompt, then the tool "
					+ "outputs). Every loop starts with no connection open, and its time includes opening it; "
					+ "building the session, the model and the `ChatClient` is left out. Floors, CPU and bytes are "
					+ "counted as in part B.%n%n",
					this.options.get("steps"), Integer.parseInt(this.options.get("steps")) + 1,
					this.options.get("prefill-us"), tls ? "on" : "off", this.options.get("iterations"),
					this.options.get("warmup")));
			markdown.append("| RTT | client | median loop (p95) | floor (prefill part) | vs. floor | CPU per turn: process (Java threads) | bytes sent per loop: JSON (on the wire) |\n");
			markdown.append("|---|---|---|---|---|---|---|\n");
			for (AgentLoopComparison.Row row : this.rows) {
				for (AgentLoopComparison.SideResult side : row.sides()) {
					markdown.append(String.format(Locale.ROOT, "| %d ms | %s | %.1f ms (%.1f) | %.1f ms (%.1f) | %.3fx | %.0f us (%.0f us) | %.0f (%.0f) |%n",
							row.rttMillis(), side.name(), side.medianMillis(), side.p95Millis(), side.floorMillis(),
							side.prefillMillis(), side.medianMillis() / side.floorMillis(), side.cpuMicrosPerTurn(),
							side.threadCpuMicrosPerTurn(), side.payloadBytesPerLoop(), side.wireBytesPerLoop()));
				}
			}
			markdown.append('\n');
			for (AgentLoopComparison.Row row : this.rows) {
				double bridge = row.median(BRIDGE_WEBSOCKET);
				double overhead = bridge / row.median(CONVERSATION) - 1;
				double bridgeFloor = floor(row, BRIDGE_WEBSOCKET);
				markdown.append(String.format(Locale.ROOT, "- RTT %d ms: the bridge on WebSocket is %.0f%% faster than "
						+ "on HTTP/SSE with full context; %.1f%% above its floor of %.1f ms; %+.1f%% against our "
						+ "`Conversation` on WebSocket (median %.1f ms against %.1f ms; target within 5%%: %s).%n",
						row.rttMillis(), (1 - bridge / row.median(BRIDGE_HTTP)) * 100, (bridge / bridgeFloor - 1) * 100,
						bridgeFloor, overhead * 100, bridge, row.median(CONVERSATION),
						(overhead <= 0.05) ? "met" : "**missed**"));
			}
			return markdown.append('\n').toString();
		}

		private static double floor(AgentLoopComparison.Row row, String name) {
			return row.sides()
				.stream()
				.filter((side) -> side.name().equals(name))
				.mapToDouble(AgentLoopComparison.SideResult::floorMillis)
				.findFirst()
				.orElse(Double.NaN);
		}

	}

}
