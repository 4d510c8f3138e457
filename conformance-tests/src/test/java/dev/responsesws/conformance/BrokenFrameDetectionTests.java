package dev.responsesws.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The conformance check can fail: a real simulator frame with one field the API always sends
 * taken out (as a simulator that forgot it would send it) is rejected, over both transports'
 * models, while the same frame untouched passes.
 */
class BrokenFrameDetectionTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static final List<String> frames = new ArrayList<>();

	@BeforeAll
	static void collectFrames() throws Exception {
		MockResponsesServer server = simulator.server();
		server.enqueue(OutputPlan.reasoning("Think first.")
			.thenText("An answer, then a call.")
			.thenFunctionCall("get_weather", "{\"city\":\"Paris\"}"))
			.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down"));
		try (RawWebSocket socket = new RawWebSocket(server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.RICH, ""));
			frames.addAll(socket.untilTerminal(1));
			socket.send(Requests.webSocket(Requests.MINIMAL, ""));
			frames.addAll(socket.untilTerminal(1));
		}
	}

	static Stream<Arguments> removals() {
		return Stream.of(remove("response.created", "/response/parallel_tool_calls"),
				remove("response.created", "/response/tools"), remove("response.created", "/response/tool_choice"),
				remove("response.created", "/response/created_at"), remove("response.in_progress", "/response/model"),
				remove("response.in_progress", "/response/id"), remove("response.completed", "/response/output"),
				remove("response.completed", "/response/usage/input_tokens_details/cache_write_tokens"),
				remove("response.completed", "/response/usage/input_tokens_details/cached_tokens"),
				remove("response.completed", "/response/usage/output_tokens_details"),
				remove("response.completed", "/response/usage/total_tokens"),
				remove("response.completed", "/sequence_number"),
				remove("response.output_item.added", "/output_index"), remove("response.output_item.added", "/item"),
				remove("response.output_item.done", "message", "/item/content"),
				remove("response.output_item.done", "message", "/item/content/0/annotations"),
				remove("response.output_item.done", "function_call", "/item/call_id"),
				remove("response.output_item.done", "function_call", "/item/arguments"),
				remove("response.output_item.done", "reasoning", "/item/summary"),
				remove("response.content_part.added", "/part/annotations"),
				remove("response.content_part.done", "/part/text"), remove("response.output_text.delta", "/logprobs"),
				remove("response.output_text.delta", "/item_id"), remove("response.output_text.delta", "/delta"),
				remove("response.output_text.delta", "/content_index"),
				remove("response.output_text.done", "/logprobs"), remove("response.output_text.done", "/text"),
				remove("response.function_call_arguments.delta", "/delta"),
				remove("response.function_call_arguments.done", "/arguments"),
				remove("response.reasoning_summary_part.added", "/summary_index"),
				remove("response.reasoning_summary_part.added", "/part"),
				remove("response.reasoning_summary_text.delta", "/summary_index"),
				remove("response.reasoning_summary_text.done", "/text"),
				remove("response.reasoning_summary_part.done", "/part/text"), remove("error", "/error/message"),
				remove("error", "/error/type"), remove("error", "/error"));
	}

	private static Arguments remove(String type, String pointer) {
		return remove(type, null, pointer);
	}

	private static Arguments remove(String type, String itemType, String pointer) {
		return Arguments.of(type + ((itemType != null) ? " (" + itemType + ")" : ""), type, itemType, pointer);
	}

	@ParameterizedTest(name = "{0} without {3}")
	@MethodSource("removals")
	void aFrameWithoutARequiredFieldFailsTheCheck(String name, String type, String itemType, String pointer) {
		String frame = frame(type, itemType);
		String broken = without(frame, pointer);
		assertThatCode(() -> OfficialEvents.checkWebSocketFrame(frame)).doesNotThrowAnyException();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> OfficialEvents.checkWebSocketFrame(broken));
		if (!"error".equals(type)) {
			assertThatCode(() -> OfficialEvents.checkStreamEvent(frame)).doesNotThrowAnyException();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> OfficialEvents.checkStreamEvent(broken));
		}
	}

	private static String frame(String type, String itemType) {
		Function<JsonNode, Boolean> matches = (tree) -> type.equals(tree.path("type").asText())
				&& (itemType == null || itemType.equals(tree.path("item").path("type").asText()));
		return frames.stream()
			.filter((frame) -> matches.apply(SimulatorFrameConformanceTests.tree(frame)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("The simulator sent no " + type + " frame: " + frames));
	}

	private static String without(String frame, String pointer) {
		JsonNode tree = SimulatorFrameConformanceTests.tree(frame);
		JsonPointer path = JsonPointer.compile(pointer);
		JsonNode parent = tree.at(path.head());
		String field = path.last().getMatchingProperty();
		if (!(parent instanceof ObjectNode object) || object.remove(field) == null) {
			throw new AssertionError("No " + pointer + " in " + frame);
		}
		return tree.toString();
	}

}
