package dev.responsesws.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.responsesws.client.conversation.AgentOptions;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.conversation.AgentTool;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.Responders;
import dev.responsesws.test.proxy.NetworkProxy;

/**
 * End-to-end agent loops, side by side in one run: a tool loop of {@code --steps} calls against
 * the simulator behind the latency proxy, run by our {@link Conversation} over WebSocket
 * (warm-up, then only new items per turn) and over HTTP/SSE (no server state with
 * {@code store:false}, so every turn re-sends the whole context). It reports median and p95 loop
 * times, their ratio, bytes sent per loop and the floor (the simulator's own prefill time plus one
 * round trip per turn), and writes a Markdown report and an SVG chart.
 *
 * <p>Cost model of the simulator: the first output of a turn waits
 * {@code --prefill-us} microseconds per input token the server has to process (one token per four
 * characters of JSON); instructions and tools are processed on every turn, history only on a
 * cache miss. Answers stream without delay.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.responsesws.benchmarks.AgentLoopComparison}
 */
public final class AgentLoopComparison {

	private static final String INSTRUCTIONS = "You are an agent that completes multi-step tasks with tools. "
		.repeat(40);

	private AgentLoopComparison() {
	}

	/**
	 * Run the comparison.
	 * @param args {@code --steps=20 --iterations=10 --warmup=2 --rtt=0,20,60 --prefill-us=50
	 * --out=benchmarks/results}
	 * @throws IOException if the report cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>(Map.of("steps", "20", "iterations", "10", "warmup", "2",
				"rtt", "0,20,60", "prefill-us", "50", "out", "benchmarks/results"));
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair[1]);
		}
		int steps = Integer.parseInt(options.get("steps"));
		int iterations = Integer.parseInt(options.get("iterations"));
		int warmup = Integer.parseInt(options.get("warmup"));
		Duration prefill = Duration.ofNanos(Long.parseLong(options.get("prefill-us")) * 1000);
		List<Row> rows = new ArrayList<>();
		for (String rtt : options.get("rtt").split(",")) {
			Duration roundTrip = Duration.ofMillis(Long.parseLong(rtt.trim()));
			rows.add(measure(steps, iterations, warmup, prefill, roundTrip));
		}
		Report.write(Path.of(options.get("out")), options, rows);
	}

	private static Row measure(int steps, int iterations, int warmup, Duration prefill, Duration roundTrip) {
		try (MockResponsesServer server = MockResponsesServer.builder()
			.prefillPerToken(prefill)
			.responder(Responders.toolLoop("step", steps))
			.start();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).roundTripTime(roundTrip).start()) {
			String baseUrl = "http://127.0.0.1:" + proxy.port() + "/v1";
			Side webSocket = run(TransportMode.WEBSOCKET, baseUrl, proxy, server, steps, iterations, warmup, prefill);
			Side http = run(TransportMode.HTTP, baseUrl, proxy, server, steps, iterations, warmup, prefill);
			double floorMillis = webSocket.serverPrefillMillis + (steps + 1) * roundTrip.toMillis();
			Row row = new Row(roundTrip, webSocket, http, floorMillis);
			System.out.println(row.summary());
			return row;
		}
	}

	private static Side run(TransportMode transport, String baseUrl, NetworkProxy proxy, MockResponsesServer server,
			int steps, int iterations, int warmup, Duration prefill) {
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl(baseUrl)
			.transport(transport)
			.connections(1, 1)
			.build()) {
			session.connect().block(Duration.ofSeconds(30));
			List<Double> millis = new ArrayList<>();
			List<Long> bytes = new ArrayList<>();
			double prefillMillis = 0;
			for (int i = 0; i < warmup + iterations; i++) {
				Conversation conversation = Conversation.builder(session)
					.settings(CreateResponse.builder().model("simulated").instructions(INSTRUCTIONS).store(false).build())
					.build();
				if (transport == TransportMode.WEBSOCKET) {
					conversation.warmup().block(Duration.ofSeconds(30));
				}
				server.reset();
				long sentBefore = proxy.bytesUpstream();
				long start = System.nanoTime();
				AgentResult result = conversation
					.runForResult("Run all the steps.", List.of(stepTool()), AgentOptions.DEFAULTS.withMaxSteps(steps + 5))
					.block(Duration.ofMinutes(5));
				double elapsed = (System.nanoTime() - start) / 1e6;
				if (result == null || result.toolCalls() != steps) {
					throw new IllegalStateException("The loop did not run " + steps + " tool calls: " + result);
				}
				if (i >= warmup) {
					millis.add(elapsed);
					bytes.add(proxy.bytesUpstream() - sentBefore);
					// the simulator reports the tokens it processed as input tokens, and waits prefill for each
					prefillMillis = result.usage().inputTokens() * prefill.toNanos() / 1e6;
				}
			}
			Collections.sort(millis);
			return new Side(transport, percentile(millis, 50), percentile(millis, 95),
					bytes.stream().mapToLong(Long::longValue).sum() / (double) bytes.size(), prefillMillis);
		}
	}

	private static AgentTool stepTool() {
		return AgentTool.of("step", "Runs one step of the task and returns its result.",
				"{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},\"required\":[\"step\"]}",
				(arguments) -> "{\"step\":" + arguments.path("step").asInt() + ",\"status\":\"done\"}");
	}

	private static double percentile(List<Double> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	record Side(TransportMode transport, double medianMillis, double p95Millis, double bytesPerLoop,
			double serverPrefillMillis) {
	}

	record Row(Duration roundTrip, Side webSocket, Side http, double floorMillis) {

		double speedup() {
			return 1 - this.webSocket.medianMillis / this.http.medianMillis;
		}

		String summary() {
			return String.format(Locale.ROOT,
					"rtt %d ms: websocket median %.1f ms (p95 %.1f), http median %.1f ms (p95 %.1f), websocket %.0f%% faster, bytes/loop %.0f vs %.0f, floor %.1f ms",
					this.roundTrip.toMillis(), this.webSocket.medianMillis, this.webSocket.p95Millis,
					this.http.medianMillis, this.http.p95Millis, speedup() * 100, this.webSocket.bytesPerLoop,
					this.http.bytesPerLoop, this.floorMillis);
		}

	}

}
