package dev.responsesws.test;

import java.util.List;

import dev.responsesws.client.event.ResponseCompletedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the simulator's own reading of requests over both transports: the API's
 * {@code invalid_request_error}s for unknown parameters, wrong types, a missing model and
 * function call outputs without their call, and the lenient mode.
 */
class RequestValidationTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anUnknownParameterIsRefusedNamingIt(Transport transport) {
		JsonNode error = refusal(transport, "{\"model\":\"m\",\"input\":\"hi\",\"temprature\":0.5}");
		assertError(error, "unknown_parameter", "temprature", "Unknown parameter: 'temprature'.");
		assertThat(server.recordedRequests()).isEmpty();
		assertThat(server.recordedFrames()).singleElement()
			.satisfies((frame) -> assertThat(frame.text()).contains("temprature"));
	}

	@Test
	void generateAndStreamIdAreUnknownOverHttp() {
		assertError(refusal(Transport.HTTP, "{\"model\":\"m\",\"input\":\"hi\",\"generate\":false}"),
				"unknown_parameter", "generate", "Unknown parameter: 'generate'.");
		assertError(refusal(Transport.HTTP, "{\"model\":\"m\",\"input\":\"hi\",\"stream_id\":\"a\"}"),
				"unknown_parameter", "stream_id", "Unknown parameter: 'stream_id'.");
	}

	@Test
	void streamAndBackgroundAreRefusedOverWebSocketButStreamIsKnownOverHttp() {
		for (String name : new String[] { "stream", "background" }) {
			JsonNode error = refusal(Transport.WEBSOCKET, "{\"model\":\"m\",\"input\":\"hi\",\"" + name + "\":true}");
			assertThat(error.path("param").asString(null)).isEqualTo(name);
			assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
		}
		RawHttp.Reply reply = RawHttp.postResponses(server.httpBaseUrl(),
				"{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.events()).last().satisfies((event) -> assertThat(event.event()).isEqualTo("response.completed"));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aValueOfTheWrongTypeIsRefusedNamingTheParameter(Transport transport) {
		assertError(refusal(transport, "{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":\"ten\"}"),
				"invalid_type", "max_output_tokens",
				"Invalid type for 'max_output_tokens': expected an integer, but got a string instead.");
		assertError(refusal(transport, "{\"model\":\"m\",\"input\":\"hi\",\"store\":\"yes\"}"), "invalid_type",
				"store", "Invalid type for 'store': expected a boolean, but got a string instead.");
		assertError(refusal(transport, "{\"model\":\"m\",\"input\":[42]}"), "invalid_type", "input[0]",
				"Invalid type for 'input[0]': expected an object, but got an integer instead.");
		assertError(refusal(transport, "{\"model\":\"m\",\"input\":\"hi\",\"tools\":{\"type\":\"function\"}}"),
				"invalid_type", "tools", "Invalid type for 'tools': expected an array, but got an object instead.");
		assertError(refusal(transport, "{\"model\":7,\"input\":\"hi\"}"), "invalid_type", "model",
				"Invalid type for 'model': expected a string, but got an integer instead.");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aMissingModelIsAMissingRequiredParameter(Transport transport) {
		assertError(refusal(transport, "{\"input\":\"hi\"}"), "missing_required_parameter", "model",
				"Missing required parameter: 'model'.");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aFunctionCallOutputWithoutItsCallIsRefused(Transport transport) {
		String output = "{\"type\":\"function_call_output\",\"call_id\":\"call_x\",\"output\":\"1\"}";
		JsonNode error = refusal(transport, "{\"model\":\"m\",\"input\":[" + output + "]}");
		assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
		assertThat(error.path("param").asString(null)).isEqualTo("input");
		assertThat(error.path("message").asString(null))
			.isEqualTo("No tool call found for function call output with call_id call_x.");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aFunctionCallOutputAfterItsCallInTheSameInputIsAccepted(Transport transport) {
		String input = "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"add\"},"
				+ "{\"type\":\"function_call\",\"call_id\":\"call_x\",\"name\":\"add\",\"arguments\":\"{}\"},"
				+ "{\"type\":\"function_call_output\",\"call_id\":\"call_x\",\"output\":\"3\"}]";
		JsonNode completed = completion(transport, "{\"model\":\"m\",\"input\":" + input + "}");
		assertThat(completed.path("response").path("output").path(0).path("content").path(0).path("text").asString())
			.isEqualTo("Here is what I found: add returned 3.");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void lenientValidationAcceptsUnknownParametersOnly(Transport transport) {
		server.strict(false);
		JsonNode completed = completion(transport, "{\"model\":\"m\",\"input\":\"hi\",\"from_the_future\":{\"x\":1}}");
		assertThat(completed.path("type").asString(null)).isEqualTo("response.completed");
		assertThat(server.recordedRequests()).singleElement()
			.satisfies((frame) -> assertThat(frame.requireRequest().tree().path("from_the_future").path("x").asInt())
				.isEqualTo(1));
		assertError(refusal(transport, "{\"model\":\"m\",\"input\":\"hi\",\"top_p\":\"high\"}"), "invalid_type",
				"top_p", "Invalid type for 'top_p': expected a number, but got a string instead.");
		assertError(refusal(transport, "{\"input\":\"hi\",\"from_the_future\":1}"), "missing_required_parameter",
				"model", "Missing required parameter: 'model'.");
	}

	@Test
	void theConnectionStaysOpenAfterRefusalsAndTheRequestsAreReadAsSent() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send("{\"type\":\"response.create\",\"model\":\"m\",\"input\":\"hi\",\"nope\":1}");
			socket.send("{\"type\":\"response.create\",\"input\":\"hi\"}");
			socket.send("{\"type\":\"response.create\",\"model\":\"m\",\"instructions\":\"Be brief.\","
					+ "\"input\":\"hello\",\"metadata\":{\"k\":\"v\"},\"tool_choice\":\"none\",\"store\":false}");
			assertThat(json(socket.next()).path("error").path("param").asString(null)).isEqualTo("nope");
			assertThat(json(socket.next()).path("error").path("param").asString(null)).isEqualTo("model");
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).singleElement().satisfies((frame) -> {
			SimulatedRequest request = frame.requireRequest();
			assertThat(request.model()).isEqualTo("m");
			assertThat(request.instructions()).isEqualTo("Be brief.");
			assertThat(request.input()).containsExactly(Requests.userMessage("hello"));
			assertThat(request.metadata()).containsExactly(java.util.Map.entry("k", "v"));
			assertThat(request.toolChoice().mode()).isEqualTo(ToolChoice.Mode.NONE);
			assertThat(request.store()).isFalse();
			assertThat(request.streamId()).isNull();
			assertThat(request.tree().path("type").asString(null)).isEqualTo("response.create");
		});
	}

	private static void assertError(JsonNode error, String code, String param, String message) {
		assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
		assertThat(error.path("code").asString(null)).isEqualTo(code);
		assertThat(error.path("param").asString(null)).isEqualTo(param);
		assertThat(error.path("message").asString(null)).isEqualTo(message);
	}

	/** The error the body is refused with: the {@code error} of the frame or of the HTTP body. */
	private static JsonNode refusal(Transport transport, String body) {
		if (transport == Transport.WEBSOCKET) {
			try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
				socket.send(message(body));
				JsonNode frame = json(socket.next());
				assertThat(frame.path("type").asString(null)).isEqualTo("error");
				assertThat(frame.path("status").asInt()).isEqualTo(400);
				return frame.path("error");
			}
		}
		RawHttp.Reply reply = RawHttp.postResponses(server.httpBaseUrl(), body, null);
		assertThat(reply.status()).isEqualTo(400);
		return reply.tree().path("error");
	}

	/** The {@code response.completed} event of the body, streamed over either transport. */
	private static JsonNode completion(Transport transport, String body) {
		if (transport == Transport.WEBSOCKET) {
			try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
				socket.send(message(body));
				JsonNode frame;
				do {
					frame = json(socket.next());
				}
				while (!frame.path("type").asString("").equals("response.completed")
						&& !frame.path("type").asString("").equals("error"));
				return frame;
			}
		}
		RawHttp.Reply reply = RawHttp.postResponses(server.httpBaseUrl(),
				"{\"stream\":true," + body.substring(1), null);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		List<RawHttp.SseEvent> events = reply.events();
		return json(events.get(events.size() - 1).data());
	}

	private static String message(String body) {
		return "{\"type\":\"response.create\"," + body.substring(1);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
