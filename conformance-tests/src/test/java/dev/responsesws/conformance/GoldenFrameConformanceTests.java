package dev.responsesws.conformance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The golden frames are in the shapes openai-java accepts, and the simulator sends every field
 * the golden frame of the same type has: so a field the API sends and the simulator forgets
 * shows up here even when the official models do not require it.
 */
@ExtendWith(MockResponsesServerExtension.class)
class GoldenFrameConformanceTests {

	MockResponsesServer server;

	/**
	 * The frames of the API's event types: not the {@code unknown-} frames of the client's
	 * fallback tests, nor {@code response.done}, which some compatible servers send but the API
	 * does not.
	 */
	static Stream<String> typedFrames() {
		return GoldenFrames.names()
			.stream()
			.filter((name) -> !name.startsWith("unknown-") && !name.equals("response.done"));
	}

	@ParameterizedTest
	@MethodSource("typedFrames")
	void everyGoldenFrameIsATypedValidEvent(String name) {
		String frame = GoldenFrames.read(name);
		if (name.equals("error-sse")) {
			OfficialEvents.checkStreamEvent(frame);
		}
		else if (name.startsWith("error-")) {
			OfficialEvents.checkWebSocketFrame(frame);
		}
		else {
			OfficialEvents.checkWebSocketFrame(frame);
			OfficialEvents.checkStreamEvent(frame);
		}
	}

	@Test
	void aFrameOfAnUnknownTypeIsNotTyped() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> OfficialEvents.checkWebSocketFrame(GoldenFrames.read("unknown-future")));
	}

	@Test
	void theSimulatorSendsEveryFieldOfTheGoldenFrameOfEachType() throws Exception {
		this.server.enqueue(OutputPlan.reasoning("Think first.")
			.thenText("An answer, then a call.")
			.thenFunctionCall("get_weather", "{\"city\":\"Paris\"}"))
			.enqueue(OutputPlan.text("Cut").incomplete("max_output_tokens"))
			.enqueue(OutputPlan.text("Broken").failed("server_error", "The model failed."))
			.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
					Map.of("retry-after", "1")));
		List<String> frames = new ArrayList<>();
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			for (int i = 0; i < 4; i++) {
				socket.send(Requests.webSocket(Requests.RICH, ""));
				frames.addAll(socket.untilTerminal(1));
			}
		}
		Map<String, String> golden = new TreeMap<>();
		for (String name : GoldenFrames.names()) {
			golden.put(name, GoldenFrames.read(name));
		}
		List<String> missing = new ArrayList<>();
		Set<String> compared = new TreeSet<>();
		for (String frame : frames) {
			JsonNode sent = SimulatorFrameConformanceTests.tree(frame);
			String name = goldenName(sent, golden.keySet());
			if (name == null) {
				missing.add("no golden frame for " + frame);
				continue;
			}
			compared.add(name);
			collectMissing(SimulatorFrameConformanceTests.tree(golden.get(name)), sent, name, "", missing);
		}
		assertThat(missing).isEmpty();
		assertThat(compared).contains("response.created", "response.completed", "response.output_text.delta",
				"response.reasoning_summary_part.added", "response.function_call_arguments.done", "error-rate_limit");
	}

	/** The golden frame of the same type, and of the same item type for item events. */
	private static String goldenName(JsonNode frame, Set<String> names) {
		String type = frame.path("type").asText();
		if (type.equals("error")) {
			return "error-rate_limit";
		}
		String itemType = frame.path("item").path("type").asText("");
		if (!itemType.isEmpty() && names.contains(type + "-" + itemType)) {
			return type + "-" + itemType;
		}
		return names.contains(type) ? type : null;
	}

	/** Every field of the golden object is in the sent one, objects compared recursively. */
	private static void collectMissing(JsonNode golden, JsonNode sent, String name, String path,
			List<String> missing) {
		Iterator<Map.Entry<String, JsonNode>> fields = golden.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode value = sent.get(field.getKey());
			String at = path + "/" + field.getKey();
			if (value == null && !at.equals("/stream_id")) {
				missing.add(name + ": " + at);
			}
			else if (value != null && field.getValue().isObject() && value.isObject()
					&& !at.equals("/response/metadata") && !at.endsWith("/parameters") && !at.endsWith("/headers")) {
				collectMissing(field.getValue(), value, name, at, missing);
			}
		}
	}

}
