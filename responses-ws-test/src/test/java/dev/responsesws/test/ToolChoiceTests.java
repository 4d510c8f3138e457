package dev.responsesws.test;

import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.responsesws.test.ConnectionStateTests.complete;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the default agent honours {@code tool_choice}.
 */
class ToolChoiceTests {

	static final FunctionTool CURRENT_TIME = FunctionTool.of("current_time",
			"Returns the current date and time in a time zone.",
			"{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\",\"description\":"
					+ "\"an IANA time zone such as Europe/Paris\"}},\"required\":[\"zone\"]}");

	static final FunctionTool CALCULATE = FunctionTool.of("calculate",
			"Evaluates an arithmetic expression with + - * / % ^ and parentheses and returns the result.",
			"{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\"}},\"required\":[\"expression\"]}");

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void autoCallsTheToolTheMessageAsksFor() {
		Response response = ask("What time is it in Tokyo?", null);
		assertThat(response.functionCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("current_time");
			assertThat(json(call.arguments())).isEqualTo(json("{\"zone\":\"Asia/Tokyo\"}"));
		});
		assertThat(ask("Hello, who are you?", json("\"auto\"")).functionCalls()).isEmpty();
	}

	@Test
	void noneNeverCallsATool() {
		Response response = ask("What time is it in Tokyo? Use current_time.", json("\"none\""));
		assertThat(response.functionCalls()).isEmpty();
		assertThat(response.outputText()).isEqualTo("You said: What time is it in Tokyo? Use current_time.");
	}

	@Test
	void requiredAlwaysCallsATool() {
		Response response = ask("Hello, who are you?", json("\"required\""));
		assertThat(response.functionCalls()).extracting(FunctionCall::name).containsExactly("current_time");
		Response matching = ask("How much is 6 * 7?", json("\"required\""));
		assertThat(matching.functionCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("calculate");
			assertThat(json(call.arguments())).isEqualTo(json("{\"expression\":\"6 * 7\"}"));
		});
	}

	@Test
	void aNamedFunctionIsAlwaysThatFunction() {
		Response response = ask("What time is it in Tokyo?",
				json("{\"type\":\"function\",\"name\":\"calculate\"}"));
		assertThat(response.functionCalls()).extracting(FunctionCall::name).containsExactly("calculate");
	}

	@Test
	void anUnknownModeIsRefused() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send("{\"type\":\"response.create\",\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"sometimes\"}");
			JsonNode error = json(socket.next()).path("error");
			assertThat(error.path("code").asString(null)).isEqualTo("invalid_value");
			assertThat(error.path("param").asString(null)).isEqualTo("tool_choice");
		}
	}

	private static Response ask(String message, JsonNode toolChoice) {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			return complete(socket,
					Requests.userRequest(message).tools(CURRENT_TIME, CALCULATE).toolChoice(toolChoice).build());
		}
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
