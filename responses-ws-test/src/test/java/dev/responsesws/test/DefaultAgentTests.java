package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.event.FunctionCallArgumentsDeltaEvent;
import dev.responsesws.client.event.FunctionCallArgumentsDoneEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.FunctionCallOutput;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.RawItem;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.responsesws.test.ConnectionStateTests.completed;
import static dev.responsesws.test.ConnectionStateTests.exchange;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the simulator's default agent and tool loop responder over WebSocket, and of the
 * arguments it makes up from tool schemas.
 */
class DefaultAgentTests {

	private static final FunctionTool CALCULATE = FunctionTool.of("calculate", "Evaluates an arithmetic expression",
			"{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\"}},\"required\":[\"expression\"]}");

	private static final FunctionTool LOOKUP_CITY = FunctionTool.of("lookup_city", "Looks a city up",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"}}}");

	private static final FunctionTool STEP = FunctionTool.of("step", "Does one step",
			"{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}}}");

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void callsTheOneToolTheMessageNamesWithArgumentsFromTheMessage() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			List<ResponseEvent> events = exchange(socket,
					Requests.userRequest("Please calculate 12 * (3 + 4)").tools(CALCULATE, LOOKUP_CITY).build());
			Response response = completed(events);
			assertThat(response.outputText()).isEmpty();
			FunctionCall call = response.functionCalls().get(0);
			assertThat(response.functionCalls()).hasSize(1);
			assertThat(response.output()).hasSize(1);
			assertThat(call.name()).isEqualTo("calculate");
			assertThat(json(call.arguments())).isEqualTo(json("{\"expression\":\"12 * (3 + 4)\"}"));
			assertThat(call.callId()).isNotBlank();
			assertThat(call.status()).isEqualTo("completed");
			String streamed = String.join("", events.stream()
				.filter(FunctionCallArgumentsDeltaEvent.class::isInstance)
				.map((event) -> ((FunctionCallArgumentsDeltaEvent) event).delta())
				.toList());
			assertThat(streamed).isEqualTo(call.arguments());
			assertThat(events).filteredOn(FunctionCallArgumentsDoneEvent.class::isInstance)
				.singleElement()
				.isInstanceOfSatisfying(FunctionCallArgumentsDoneEvent.class, (done) -> {
					assertThat(done.name()).isEqualTo("calculate");
					assertThat(done.arguments()).isEqualTo(call.arguments());
				});
		}
	}

	@Test
	void callsEveryNamedToolInParallelAndAnswersWithTheirOutputs() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response calls = complete(socket, Requests.userRequest("use calculate and lookup_city for Paris, top 3")
				.tools(CALCULATE, LOOKUP_CITY)
				.build());
			assertThat(calls.functionCalls()).extracting(FunctionCall::name)
				.containsExactly("calculate", "lookup_city");
			assertThat(calls.output()).hasSize(2);
			FunctionCall calculate = calls.functionCalls().get(0);
			FunctionCall lookup = calls.functionCalls().get(1);
			assertThat(calculate.callId()).isNotEqualTo(lookup.callId());
			assertThat(json(calculate.arguments()).has("expression")).isTrue();
			assertThat(json(lookup.arguments())).isEqualTo(json("{\"city\":\"Paris\",\"limit\":3}"));

			Response answer = complete(socket,
					CreateResponse.builder()
						.model("test-model")
						.tools(CALCULATE, LOOKUP_CITY)
						.previousResponseId(calls.id())
						.input(new FunctionCallOutput(calculate.callId(), "84"),
								new FunctionCallOutput(lookup.callId(), "Paris, Lyon, Marseille"))
						.build());
			assertThat(answer.functionCalls()).isEmpty();
			assertThat(answer.usage().cachedInputTokens()).isPositive();
			assertThat(answer.outputText()).contains("calculate", "84", "lookup_city", "Paris, Lyon, Marseille");
			assertThat(answer.outputText().indexOf("calculate")).isLessThan(answer.outputText().indexOf("lookup_city"));
		}
	}

	@Test
	void aGreetingIsAnsweredInTextWithoutAToolCall() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket,
					Requests.userRequest("Hello, who are you?").tools(ToolChoiceTests.CURRENT_TIME).build());
			assertThat(response.functionCalls()).isEmpty();
			assertThat(response.outputText()).isEqualTo("You said: Hello, who are you?");
		}
	}

	@Test
	void aQuestionAboutTheTimeInACityCallsCurrentTimeWithItsZone() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket,
					Requests.userRequest("What time is it in Tokyo?").tools(ToolChoiceTests.CURRENT_TIME).build());
			assertThat(response.functionCalls()).singleElement().satisfies((call) -> {
				assertThat(call.name()).isEqualTo("current_time");
				assertThat(json(call.arguments())).isEqualTo(json("{\"zone\":\"Asia/Tokyo\"}"));
			});
			Response paris = complete(socket, Requests.userRequest("What time is it in Europe/Paris?")
				.tools(ToolChoiceTests.CURRENT_TIME)
				.build());
			assertThat(paris.functionCalls()).singleElement()
				.satisfies((call) -> assertThat(json(call.arguments())).isEqualTo(json("{\"zone\":\"Europe/Paris\"}")));
			Response clock = complete(socket,
					Requests.userRequest("Check the clock for me").tools(ToolChoiceTests.CURRENT_TIME).build());
			assertThat(clock.functionCalls()).as("no place named: UTC")
				.singleElement()
				.satisfies((call) -> assertThat(json(call.arguments())).isEqualTo(json("{\"zone\":\"UTC\"}")));
		}
	}

	@Test
	void aQuestionAboutACityDoesNotCallTheCalculator() {
		FunctionTool lookupCity = FunctionTool.of("lookup_city",
				"Returns the country, population, time zone and founding year of a city.",
				"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket, Requests.userRequest("Tell me about Tokyo")
				.tools(ToolChoiceTests.CALCULATE, lookupCity)
				.build());
			assertThat(response.functionCalls()).singleElement().satisfies((call) -> {
				assertThat(call.name()).isEqualTo("lookup_city");
				assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Tokyo\"}"));
			});
			Response chat = complete(socket,
					Requests.userRequest("Tell me a story").tools(ToolChoiceTests.CALCULATE, lookupCity).build());
			assertThat(chat.functionCalls()).isEmpty();
			Response sum = complete(socket,
					Requests.userRequest("What is (2 + 3) * 4?").tools(ToolChoiceTests.CALCULATE, lookupCity).build());
			assertThat(sum.functionCalls()).singleElement()
				.satisfies((call) -> assertThat(json(call.arguments())).isEqualTo(json("{\"expression\":\"(2 + 3) * 4\"}")));
		}
	}

	@Test
	void parallelToolCallsFalseCallsOneToolAtATime() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket, Requests.userRequest("use calculate and lookup_city for Paris, top 3")
				.tools(CALCULATE, LOOKUP_CITY)
				.parallelToolCalls(false)
				.build());
			assertThat(response.functionCalls()).extracting(FunctionCall::name).containsExactly("calculate");
		}
	}

	@Test
	void aReplayedTranscriptWithoutItsCallsIsRefused() {
		Response call;
		try (RawWebSocket first = RawWebSocket.connect(server.webSocketUrl())) {
			call = complete(first, Requests.userRequest("Please calculate 6 * 7").tools(CALCULATE).store(false).build());
		}
		String callId = call.functionCalls().get(0).callId();
		try (RawWebSocket second = RawWebSocket.connect(server.webSocketUrl())) {
			second.send(Requests.create(Requests.userRequest("Please calculate 6 * 7")
				.tools(CALCULATE)
				.store(false)
				.input(InputMessage.user("Please calculate 6 * 7"), new FunctionCallOutput(callId, "42"))
				.build()));
			JsonNode error = json(second.next());
			assertThat(error.path("type").asString(null)).isEqualTo("error");
			assertThat(error.path("status").asInt()).isEqualTo(400);
			assertThat(error.path("error").path("param").asString(null)).isEqualTo("input");
			assertThat(error.path("error").path("message").asString(null))
				.isEqualTo("No tool call found for function call output with call_id " + callId + ".");
			Response answer = complete(second, Requests.userRequest("Please calculate 6 * 7")
				.tools(CALCULATE)
				.store(false)
				.input(InputMessage.user("Please calculate 6 * 7"), new RawItem(call.functionCalls().get(0).tree()),
						new FunctionCallOutput(callId, "42"))
				.build());
			assertThat(answer.outputText()).isEqualTo("Here is what I found: calculate returned 42.");
		}
	}

	@Test
	void aCityInTheMessageCallsTheToolWithACityParameter() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket,
					Requests.userRequest("What is the weather in Rome?").tools(LOOKUP_CITY, CALCULATE).build());
			assertThat(response.functionCalls()).singleElement().satisfies((call) -> {
				assertThat(call.name()).isEqualTo("lookup_city");
				assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Rome\",\"limit\":1}"));
			});
		}
	}

	@Test
	void withoutToolsTheAnswerQuotesTheUserMessage() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket, Requests.userRequest("Tell me a joke").build());
			assertThat(response.functionCalls()).isEmpty();
			assertThat(response.outputText()).isEqualTo("You said: Tell me a joke");
			Response chained = complete(socket,
					CreateResponse.builder().model("test-model").previousResponseId(response.id()).build());
			assertThat(chained.outputText()).as("no new user message: the last one of the conversation")
				.isEqualTo("You said: Tell me a joke");
		}
	}

	@Test
	void toolLoopChainsTwentyFiveRoundTripsOnOneConnectionFromTheCache() {
		server.responder(Responders.toolLoop("step", 25));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response response = complete(socket, Requests.userRequest("Run the steps").tools(STEP).build());
			List<String> outputs = new ArrayList<>();
			for (int step = 1; step <= 25; step++) {
				FunctionCall call = singleCall(response, step);
				String output = "result-" + step;
				outputs.add(output);
				response = complete(socket,
						CreateResponse.builder()
							.model("test-model")
							.tools(STEP)
							.previousResponseId(response.id())
							.input(new FunctionCallOutput(call.callId(), output))
							.build());
				RecordedFrame sent = lastRequest();
				assertThat(sent.requireRequest().input()).hasSize(1);
				assertThat(sent.requireRequest().previousResponseId()).isNotNull();
				assertThat(response.usage().cachedInputTokens()).as("turn %d", step + 1).isPositive();
			}
			assertThat(response.functionCalls()).isEmpty();
			assertThat(response.outputText()).isEqualTo("Done after 25 tool calls: " + String.join(", ", outputs));
			assertThat(server.recordedRequests()).hasSize(26)
				.extracting(RecordedFrame::connectionId)
				.containsOnly(server.recordedRequests().get(0).connectionId());
		}
	}

	@Test
	void toolLoopContinuesOnANewConnectionFromTheFullTranscript() {
		server.responder(Responders.toolLoop("step", 25));
		List<InputItem> transcript = new ArrayList<>();
		transcript.add(InputMessage.user("Run the steps"));
		List<String> outputs = new ArrayList<>();
		Response response;
		try (RawWebSocket first = RawWebSocket.connect(server.webSocketUrl())) {
			response = complete(first,
					CreateResponse.builder().model("test-model").tools(STEP).input(transcript).store(false).build());
			for (int step = 1; step <= 12; step++) {
				FunctionCall call = singleCall(response, step);
				FunctionCallOutput output = new FunctionCallOutput(call.callId(), "result-" + step);
				transcript.add(new RawItem(call.tree()));
				transcript.add(output);
				outputs.add(output.output());
				response = complete(first,
						CreateResponse.builder()
							.model("test-model")
							.tools(STEP)
							.store(false)
							.previousResponseId(response.id())
							.input(output)
							.build());
			}
		}
		try (RawWebSocket second = RawWebSocket.connect(server.webSocketUrl())) {
			FunctionCall pending = singleCall(response, 13);
			FunctionCallOutput pendingOutput = new FunctionCallOutput(pending.callId(), "result-13");
			transcript.add(new RawItem(pending.tree()));
			transcript.add(pendingOutput);
			outputs.add(pendingOutput.output());
			response = complete(second,
					CreateResponse.builder().model("test-model").tools(STEP).store(false).input(transcript).build());
			assertThat(lastRequest().requireRequest().previousResponseId()).isNull();
			assertThat(lastRequest().requireRequest().input()).hasSize(1 + 2 * 13);
			assertThat(response.usage().cachedInputTokens()).as("a new connection has no cache").isZero();
			for (int step = 14; step <= 25; step++) {
				FunctionCall call = singleCall(response, step);
				String output = "result-" + step;
				outputs.add(output);
				response = complete(second,
						CreateResponse.builder()
							.model("test-model")
							.tools(STEP)
							.store(false)
							.previousResponseId(response.id())
							.input(new FunctionCallOutput(call.callId(), output))
							.build());
				assertThat(response.usage().cachedInputTokens()).isPositive();
			}
		}
		assertThat(outputs).hasSize(25);
		assertThat(response.outputText()).isEqualTo("Done after 25 tool calls: " + String.join(", ", outputs));
	}

	@Test
	void toolArgumentsTakeAnExpressionForExpressionLikeFields() {
		assertThat(arguments("{\"properties\":{\"expression\":{\"type\":\"string\"}}}", "Please calculate 12 * (3 + 4)"))
			.isEqualTo(json("{\"expression\":\"12 * (3 + 4)\"}"));
		assertThat(arguments("{\"properties\":{\"formula\":{\"type\":\"string\"}}}", "what is 1+2 or (7 - 3) / 2?"))
			.isEqualTo(json("{\"formula\":\"(7 - 3) / 2\"}"));
		assertThat(arguments("{\"properties\":{\"expr\":{\"type\":\"string\"}}}", "no numbers in Lisbon"))
			.as("without an expression, a string field takes a capitalised word")
			.isEqualTo(json("{\"expr\":\"Lisbon\"}"));
	}

	@Test
	void toolArgumentsTakeTheWholeMessageForQueryLikeFields() {
		String message = "Find flights from Paris to Rome";
		assertThat(arguments("{\"properties\":{\"query\":{\"type\":\"string\"},\"search_text\":{\"type\":\"string\"},"
				+ "\"question\":{\"type\":\"string\"}}}", message))
			.isEqualTo(json("{\"query\":\"" + message + "\",\"search_text\":\"" + message + "\",\"question\":\""
					+ message + "\"}"));
	}

	@Test
	void toolArgumentsTakeACapitalisedWordOtherThanTheFirstOrTheLastWord() {
		String schema = "{\"properties\":{\"city\":{\"type\":\"string\"}}}";
		assertThat(arguments(schema, "Weather in Paris today")).isEqualTo(json("{\"city\":\"Paris\"}"));
		assertThat(arguments(schema, "weather in Saint-Étienne")).isEqualTo(json("{\"city\":\"Saint-Étienne\"}"));
		assertThat(arguments(schema, "Paris")).isEqualTo(json("{\"city\":\"Paris\"}"));
		assertThat(arguments(schema, "weather in lisbon?")).isEqualTo(json("{\"city\":\"lisbon\"}"));
		assertThat(arguments(schema, "???")).isEqualTo(json("{\"city\":\"???\"}"));
	}

	@Test
	void toolArgumentsFollowTheSchemaTypes() {
		String schema = "{\"type\":\"object\",\"properties\":{"
				+ "\"count\":{\"type\":\"integer\"},\"ratio\":{\"type\":\"number\"},\"exact\":{\"type\":\"boolean\"},"
				+ "\"tags\":{\"type\":\"array\"},\"options\":{\"type\":\"object\"},"
				+ "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"untyped\":{}}}";
		assertThat(arguments(schema, "Show 2.5 of 7 in Oslo")).isEqualTo(json("{\"count\":2,\"ratio\":2.5,"
				+ "\"exact\":true,\"tags\":[],\"options\":{},\"unit\":\"celsius\",\"untyped\":\"Oslo\"}"));
		assertThat(arguments(schema, "no digits here").path("count").asLong()).isEqualTo(1);
		assertThat(arguments(schema, "minus -4 degrees").path("count").asLong()).isEqualTo(-4);
		assertThat(arguments("{\"type\":\"object\"}", "anything")).isEqualTo(json("{}"));
		assertThat(arguments("{}", "anything")).isEqualTo(json("{}"));
	}

	@Test
	void toolArgumentsTakeZonesEnumValuesAndQuotedNamesFromTheMessage() {
		String zone = "{\"properties\":{\"zone\":{\"type\":\"string\"}}}";
		assertThat(arguments(zone, "What time is it in Europe/Paris?")).isEqualTo(json("{\"zone\":\"Europe/Paris\"}"));
		assertThat(arguments(zone, "time in America/Argentina/Buenos_Aires"))
			.isEqualTo(json("{\"zone\":\"America/Argentina/Buenos_Aires\"}"));
		assertThat(arguments(zone, "and in new york?")).isEqualTo(json("{\"zone\":\"America/New_York\"}"));
		assertThat(arguments(zone, "Hello, who are you?")).isEqualTo(json("{\"zone\":\"UTC\"}"));
		String tz = "{\"properties\":{\"tz\":{\"type\":\"string\",\"description\":\"an IANA time zone\"}}}";
		assertThat(arguments(tz, "Time in Sydney")).isEqualTo(json("{\"tz\":\"Australia/Sydney\"}"));
		String unit = "{\"properties\":{\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}}}";
		assertThat(arguments(unit, "Weather in Oslo in Fahrenheit")).isEqualTo(json("{\"unit\":\"fahrenheit\"}"));
		assertThat(arguments(unit, "Weather in Oslo")).isEqualTo(json("{\"unit\":\"celsius\"}"));
		String name = "{\"properties\":{\"name\":{\"type\":\"string\"}}}";
		assertThat(arguments(name, "Find the file \"quarterly report.pdf\" please"))
			.isEqualTo(json("{\"name\":\"quarterly report.pdf\"}"));
		assertThat(arguments(name, "find the user named 'ada lovelace'")).isEqualTo(json("{\"name\":\"ada lovelace\"}"));
		assertThat(arguments(name, "Greet Grace at noon")).isEqualTo(json("{\"name\":\"Grace\"}"));
	}

	@Test
	void toolArgumentsKeepThePropertyOrderOfTheSchema() {
		String schema = "{\"properties\":{\"b\":{\"type\":\"integer\"},\"a\":{\"type\":\"integer\"}}}";
		assertThat(ToolArguments.from(json(schema), "take 5")).isEqualTo("{\"b\":5,\"a\":5}");
	}

	private static JsonNode arguments(String schema, String message) {
		return json(ToolArguments.from(json(schema), message));
	}

	private static FunctionCall singleCall(Response response, int step) {
		assertThat(response.outputText()).as("no answer before step %d", step).isEmpty();
		assertThat(response.functionCalls()).as("step %d", step).hasSize(1);
		FunctionCall call = response.functionCalls().get(0);
		assertThat(call.name()).isEqualTo("step");
		assertThat(json(call.arguments())).isEqualTo(json("{\"step\":" + step + "}"));
		return call;
	}

	private static RecordedFrame lastRequest() {
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	private static Response complete(RawWebSocket socket, CreateResponse request) {
		return completed(exchange(socket, request));
	}

}
