package dev.responsesws.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponsesServerEvent;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame the simulator sends, for every kind of plan, over both transports, binds to its
 * typed openai-java event and passes its validation.
 */
@ExtendWith(MockResponsesServerExtension.class)
class SimulatorFrameConformanceTests {

	MockResponsesServer server;

	static Stream<Arguments> plans() {
		return Stream.of(plan("text", OutputPlan.text("Hello there, I am a simulated model.")),
				plan("generated tokens", OutputPlan.tokens(25)), plan("large deltas", OutputPlan.chunks(3, 200)),
				plan("text without the full text", OutputPlan.tokens(10).withoutFullText()),
				plan("multi-part", OutputPlan.reasoning("Look the city up first.")
					.thenText("Let me check.")
					.thenFunctionCall("get_weather", "{\"city\":\"Paris\"}")),
				plan("two messages", OutputPlan.text("First part.").thenText("Second part.")),
				plan("function call", OutputPlan.functionCall("get_weather", "{\"city\":\"Paris\"}")),
				plan("parallel calls",
						OutputPlan.functionCall("get_weather", "{\"city\":\"Paris\"}")
							.thenFunctionCall("get_weather", "{\"city\":\"Tokyo\"}")),
				plan("reasoning with a summary", OutputPlan.reasoning("First think, then answer in a word.")
					.thenText("Done.")),
				plan("failed", OutputPlan.text("Partial answer").failed("server_error", "The model failed.")),
				plan("incomplete", OutputPlan.text("Cut short").incomplete("max_output_tokens")),
				plan("empty", OutputPlan.empty()));
	}

	private static Arguments plan(String name, OutputPlan plan) {
		return Arguments.of(Named.of(name, plan));
	}

	@ParameterizedTest
	@MethodSource("plans")
	void everyWebSocketFrameOfAPlanIsATypedValidEvent(OutputPlan plan) throws Exception {
		this.server.enqueue(plan);
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.RICH, ""));
			List<String> frames = socket.untilTerminal(1);
			frames.forEach(OfficialEvents::checkWebSocketFrame);
			assertConsecutiveSequenceNumbers(frames);
		}
	}

	@ParameterizedTest
	@MethodSource("plans")
	void everyServerSentEventOfAPlanIsATypedValidEvent(OutputPlan plan) throws Exception {
		this.server.enqueue(plan);
		SseExchange.Result result = SseExchange.post(this.server.httpBaseUrl(), Requests.streaming(Requests.RICH));
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.events()).isNotEmpty();
		List<String> data = new ArrayList<>();
		for (SseExchange.Event event : result.events()) {
			OfficialEvents.checkStreamEvent(event.data());
			assertThat(event.name()).isEqualTo(tree(event.data()).path("type").asText());
			data.add(event.data());
		}
		assertConsecutiveSequenceNumbers(data);
	}

	@Test
	void aPlanWithEveryKindOfItemSendsEveryEventTypeOfTheSimulator() throws Exception {
		this.server.enqueue(OutputPlan.reasoning("Think.").thenText("Say it.").thenFunctionCall("f", "{}"));
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.MINIMAL, ""));
			Set<String> types = new TreeSet<>();
			for (String frame : socket.untilTerminal(1)) {
				OfficialEvents.checkWebSocketFrame(frame);
				types.add(tree(frame).path("type").asText());
			}
			assertThat(types).containsExactlyInAnyOrder("response.created", "response.in_progress",
					"response.output_item.added", "response.output_item.done", "response.reasoning_summary_part.added",
					"response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
					"response.reasoning_summary_part.done", "response.content_part.added",
					"response.output_text.delta", "response.output_text.done", "response.content_part.done",
					"response.function_call_arguments.delta", "response.function_call_arguments.done",
					"response.completed");
		}
	}

	@Test
	void theDefaultAgentsFramesAreTypedValidEventsOverBothTransports() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.RICH, ""));
			socket.untilTerminal(1).forEach(OfficialEvents::checkWebSocketFrame);
		}
		SseExchange.Result result = SseExchange.post(this.server.httpBaseUrl(), Requests.streaming(Requests.RICH));
		result.events().forEach((event) -> OfficialEvents.checkStreamEvent(event.data()));
		assertThat(result.events()).last()
			.satisfies((event) -> assertThat(event.name()).isEqualTo("response.completed"));
	}

	@Test
	void aWarmUpAndTheTurnChainedFromItSendTypedValidEvents() throws Exception {
		this.server.enqueue(OutputPlan.text("Warm."));
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.with(Requests.RICH, "\"store\":false"), "\"generate\":false"));
			List<String> warmup = socket.untilTerminal(1);
			Response prepared = OfficialEvents.checkWebSocketFrame(warmup.get(warmup.size() - 1))
				.asResponseCompleted()
				.response();
			assertThat(prepared.output()).isEmpty();
			assertThat(prepared.usage().orElseThrow().outputTokens()).isZero();
			socket.send(Requests.webSocket(Requests.with(Requests.MINIMAL, "\"store\":false"),
					"\"previous_response_id\":\"" + prepared.id() + "\""));
			List<String> turn = socket.untilTerminal(1);
			turn.forEach(OfficialEvents::checkWebSocketFrame);
			Response chained = OfficialEvents.checkWebSocketFrame(turn.get(turn.size() - 1))
				.asResponseCompleted()
				.response();
			assertThat(chained.previousResponseId()).contains(prepared.id());
			assertThat(chained.usage().orElseThrow().inputTokensDetails().cachedTokens()).isPositive();
		}
	}

	@Test
	void concurrentLanesSendTypedValidEventsTaggedWithTheirLane() throws Exception {
		this.server.lanes(true);
		this.server.enqueue(OutputPlan.tokens(20))
			.enqueue(OutputPlan.functionCall("get_weather", "{\"city\":\"Rome\"}"));
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.MINIMAL, "\"stream_id\":\"lane-a\""));
			socket.send(Requests.webSocket(Requests.MINIMAL, "\"stream_id\":\"lane-b\""));
			List<String> frames = socket.untilTerminal(2);
			Set<String> lanes = new TreeSet<>();
			for (String frame : frames) {
				ResponsesServerEvent event = OfficialEvents.checkWebSocketFrame(frame);
				lanes.add(tree(frame).path("stream_id").asText());
				assertThat(event.isError()).isFalse();
			}
			assertThat(lanes).containsExactly("lane-a", "lane-b");
		}
	}

	static Stream<Arguments> errors() {
		return Stream.of(
				Arguments.of(Named.of("a plan's rate limit error",
						(ErrorCase) (server, socket) -> {
							server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
									Map.of("retry-after", "1")));
							socket.send(Requests.webSocket(Requests.MINIMAL, ""));
						})),
				Arguments.of(Named.of("previous_response_not_found", (ErrorCase) (server, socket) -> socket
					.send(Requests.webSocket(Requests.MINIMAL, "\"previous_response_id\":\"resp_unknown\"")))),
				Arguments.of(Named.of("an unknown stream_id without lanes", (ErrorCase) (server, socket) -> {
					server.lanes(false);
					socket.send(Requests.webSocket(Requests.MINIMAL, "\"stream_id\":\"lane-a\""));
				})),
				Arguments.of(Named.of("an invalid stream_id", (ErrorCase) (server, socket) -> socket
					.send(Requests.webSocket(Requests.MINIMAL, "\"stream_id\":\"not a lane!\"")))),
				Arguments.of(Named.of("the connection age limit", (ErrorCase) (server, socket) -> {
					server.expireConnections();
					socket.send(Requests.webSocket(Requests.MINIMAL, ""));
				})),
				Arguments.of(Named.of("a message that is not JSON",
						(ErrorCase) (server, socket) -> socket.send("not json"))),
				Arguments.of(Named.of("an unsupported message type",
						(ErrorCase) (server, socket) -> socket.send("{\"type\":\"response.cancel\"}"))));
	}

	@ParameterizedTest
	@MethodSource("errors")
	void everyErrorFrameIsATypedValidEvent(ErrorCase error) throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(Requests.MINIMAL, ""));
			socket.untilTerminal(1);
			error.send(this.server, socket);
			List<String> frames = socket.untilTerminal(1);
			assertThat(frames).hasSize(1);
			ResponsesServerEvent event = OfficialEvents.checkWebSocketFrame(frames.get(0));
			assertThat(event.isError()).isTrue();
			assertThat(event.asError().error().message()).isNotBlank();
		}
	}

	private static void assertConsecutiveSequenceNumbers(List<String> frames) {
		for (int i = 0; i < frames.size(); i++) {
			assertThat(tree(frames.get(i)).path("sequence_number").asLong(-1)).as("frame %d", i).isEqualTo(i);
		}
	}

	static JsonNode tree(String json) {
		try {
			return ObjectMappers.jsonMapper().readTree(json);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new AssertionError("Not JSON: " + json, ex);
		}
	}

	@FunctionalInterface
	interface ErrorCase {

		void send(MockResponsesServer server, RawWebSocket socket) throws Exception;

	}

}
