package dev.responsesws.test;

import java.util.List;
import java.util.Map;

import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the simulator's HTTP endpoint, {@code POST /v1/responses}: server-sent events with
 * {@code "stream":true}, the final response object without, errors as JSON bodies with their
 * status, and the store as the only state across requests.
 */
class HttpEndpointTests {

	private static final EventDecoder DECODER = new EventDecoder();

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void streamedAnswerIsServerSentEventsNamedAfterTheirTypeAndNumberedAsOverWebSocket() {
		OutputPlan plan = OutputPlan.reasoning("Let me think")
			.thenText("Hello brave new world")
			.thenFunctionCall("lookup", "{\"city\":\"Paris\",\"limit\":3}");
		server.enqueue(plan);
		List<ResponseEvent> overWebSocket;
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			overWebSocket = socket.untilTerminal();
		}
		server.enqueue(plan);
		RawHttp.Reply reply = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.error()).isNull();
		assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
		List<RawHttp.SseEvent> blocks = reply.events();
		assertThat(blocks).isNotEmpty().allSatisfy((block) -> {
			assertThat(block.data()).isNotNull();
			assertThat(JsonMapper.shared().readTree(block.data()).path("type").asString(null))
				.isEqualTo(block.event());
		});
		List<ResponseEvent> overHttp = blocks.stream().map((block) -> DECODER.decode(block.data())).toList();
		assertThat(overHttp).extracting(ResponseEvent::type)
			.containsExactlyElementsOf(overWebSocket.stream().map(ResponseEvent::type).toList());
		assertThat(overHttp).extracting(ResponseEvent::sequenceNumber)
			.containsExactlyElementsOf(overWebSocket.stream().map(ResponseEvent::sequenceNumber).toList());
		for (int i = 0; i < overHttp.size(); i++) {
			assertThat(overHttp.get(i).sequenceNumber()).isEqualTo(i);
			assertThat(overHttp.get(i).streamId()).isNull();
		}
		assertThat(overHttp.get(0).type()).isEqualTo("response.created");
		assertThat(overHttp).last().isInstanceOfSatisfying(ResponseCompletedEvent.class, (completed) -> {
			assertThat(completed.response().outputText()).isEqualTo("Hello brave new world");
			assertThat(completed.response().functionCalls()).singleElement()
				.satisfies((call) -> assertThat(call.name()).isEqualTo("lookup"));
		});
		assertThat(overHttp).filteredOn(ResponseEvent::isTerminal).hasSize(1);
	}

	@Test
	void withoutStreamTheBodyIsTheFinalResponse() {
		server.enqueue(OutputPlan.text("Hello there"));
		CreateResponse request = Requests.userRequest("hi").build();
		RawHttp.Reply reply = post(nonStreaming(request));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		Response response = Response.fromTree(reply.tree());
		assertThat(response.id()).startsWith("resp_");
		assertThat(response.status()).isEqualTo("completed");
		assertThat(response.model()).isEqualTo("test-model");
		assertThat(response.outputText()).isEqualTo("Hello there");
		assertThat(response.usage().outputTokens()).isEqualTo(2);
		assertThat(response.usage().inputTokens()).isPositive();
		assertThat(response.usage().cachedInputTokens()).isZero();
	}

	@Test
	void defaultAgentAnswersOverHttpToo() {
		Response response = Response
			.fromTree(post(nonStreaming(Requests.userRequest("what time is it").build())).tree());
		assertThat(response.outputText()).isEqualTo("You said: what time is it");
	}

	@Test
	void wrongOrMissingKeyIsRefusedWith401WhenAKeyIsSet() {
		server.apiKey("sk-http");
		String body = Requests.httpBody(Requests.userRequest("hi").build());
		for (String key : new String[] { null, "sk-wrong" }) {
			RawHttp.Reply reply = RawHttp.postResponses(server.httpBaseUrl(), body, key);
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.header("Content-Type")).startsWith("application/json");
			JsonNode error = reply.tree().path("error");
			assertThat(error.path("code").asString(null)).isEqualTo("invalid_api_key");
			assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
			assertThat(error.path("message").asString("")).isNotBlank();
		}
		RawHttp.Reply accepted = RawHttp.postResponses(server.httpBaseUrl(), body, "sk-http");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(decode(accepted)).last().isInstanceOf(ResponseCompletedEvent.class);
		assertThat(server.recordedRequests()).hasSize(1);
	}

	@Test
	void malformedBodyIsABadRequest() {
		for (String body : new String[] { "{not json", "[1,2]", "", "{\"model\":42}" }) {
			RawHttp.Reply reply = post(body);
			assertThat(reply.status()).as(body).isEqualTo(400);
			assertThat(reply.header("Content-Type")).startsWith("application/json");
			JsonNode error = reply.tree().path("error");
			assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
			assertThat(error.path("message").asString("")).isNotBlank();
		}
		assertThat(server.recordedFrames()).hasSize(4).allSatisfy((frame) -> {
			assertThat(frame.transport()).isEqualTo(Transport.HTTP);
			assertThat(frame.request()).isNull();
		});
		assertThat(server.recordedFrames().get(0).text()).isEqualTo("{not json");
		assertThat(server.recordedRequests()).isEmpty();
	}

	@Test
	void generateIsRejectedOverHttp() {
		RawHttp.Reply reply = post(Requests.httpBody(Requests.userRequest("hi").generate(false).build()));
		assertThat(reply.status()).isEqualTo(400);
		JsonNode error = reply.tree().path("error");
		assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
		assertThat(error.path("param").asString(null)).isEqualTo("generate");
		assertThat(server.recordedRequests()).isEmpty();
	}

	@Test
	void unknownPreviousResponseIdIsNotFound() {
		RawHttp.Reply reply = post(
				Requests.httpBody(Requests.userRequest("hi").previousResponseId("resp_does_not_exist").build()));
		assertThat(reply.status()).isEqualTo(400);
		JsonNode error = reply.tree().path("error");
		assertThat(error.path("type").asString(null)).isEqualTo("invalid_request_error");
		assertThat(error.path("code").asString(null)).isEqualTo("previous_response_not_found");
		assertThat(error.path("param").asString(null)).isEqualTo("previous_response_id");
		assertThat(error.path("message").asString("")).contains("resp_does_not_exist");
	}

	@Test
	void storedResponseIsContinuedOverHttpWithTheWholeHistoryProcessed() {
		Response first = Response
			.fromTree(post(nonStreaming(Requests.userRequest("z".repeat(2000)).build())).tree());
		assertThat(first.usage().inputTokens()).isGreaterThan(400);
		RawHttp.Reply reply = post(
				Requests.httpBody(Requests.userRequest("and then?").previousResponseId(first.id()).build()));
		assertThat(reply.status()).isEqualTo(200);
		List<ResponseEvent> events = decode(reply);
		assertThat(events).last().isInstanceOfSatisfying(ResponseCompletedEvent.class, (completed) -> {
			Response second = completed.response();
			assertThat(second.previousResponseId()).isEqualTo(first.id());
			assertThat(second.outputText()).isEqualTo("You said: and then?");
			assertThat(second.usage().inputTokens()).isGreaterThan(first.usage().inputTokens());
			assertThat(second.usage().cachedInputTokens()).isZero();
		});
	}

	@Test
	void unstoredResponseIsNotFoundOverHttp() {
		Response first = Response
			.fromTree(post(nonStreaming(Requests.userRequest("hello").store(false).build())).tree());
		assertThat(first.status()).isEqualTo("completed");
		RawHttp.Reply reply = post(
				Requests.httpBody(Requests.userRequest("again").previousResponseId(first.id()).build()));
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.tree().path("error").path("code").asString(null)).isEqualTo("previous_response_not_found");
	}

	@Test
	void plannedErrorIsTheHttpStatusWithItsHeadersAndAJsonBody() {
		server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
				Map.of("retry-after", "1")));
		RawHttp.Reply reply = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(reply.status()).isEqualTo(429);
		assertThat(reply.header("retry-after")).isEqualTo("1");
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		JsonNode error = reply.tree().path("error");
		assertThat(error.path("type").asString(null)).isEqualTo("rate_limit_error");
		assertThat(error.path("code").asString(null)).isEqualTo("rate_limit_exceeded");
		assertThat(error.path("message").asString(null)).isEqualTo("Slow down");
		RawHttp.Reply next = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(next.status()).isEqualTo(200);
	}

	@Test
	void disconnectAfterEndsTheEventStreamEarly() {
		server.enqueue(OutputPlan.text("one two three four five").disconnectAfter(3));
		RawHttp.Reply reply = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(reply.status()).isEqualTo(200);
		List<ResponseEvent> events = decode(reply);
		assertThat(events).extracting(ResponseEvent::type)
			.containsExactly("response.created", "response.in_progress", "response.output_item.added");
		assertThat(events).noneMatch(ResponseEvent::isTerminal);
		assertThat(reply.error()).as("the connection ended before the end of the chunked body").isNotNull();
		RawHttp.Reply next = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(decode(next)).last().isInstanceOf(ResponseCompletedEvent.class);
	}

	@Test
	void requestsAreRecordedAsHttpWithOneIdPerRequest() throws InterruptedException {
		post(Requests.httpBody(Requests.userRequest("one").build()));
		post(nonStreaming(Requests.userRequest("two").build()));
		RecordedFrame one = server.takeFrame(RawHttp.TIMEOUT);
		RecordedFrame two = server.takeFrame(RawHttp.TIMEOUT);
		assertThat(one).isNotNull();
		assertThat(two).isNotNull();
		assertThat(List.of(one, two)).allSatisfy((frame) -> {
			assertThat(frame.transport()).isEqualTo(Transport.HTTP);
			assertThat(frame.connectionId()).matches("http-\\d+");
			assertThat(frame.type()).isNull();
			assertThat(frame.requireRequest().model()).isEqualTo("test-model");
		});
		assertThat(one.connectionId()).isNotEqualTo(two.connectionId());
		assertThat(one.requireRequest().input()).containsExactly(Requests.userMessage("one"));
		assertThat(one.requireRequest().tree().path("stream").booleanValue()).isTrue();
		assertThat(one.text()).isEqualTo(Requests.httpBody(Requests.userRequest("one").build()));
		assertThat(two.requireRequest().input()).containsExactly(Requests.userMessage("two"));
		assertThat(two.requireRequest().tree().has("stream")).isFalse();
		assertThat(server.recordedRequests()).containsExactly(one, two);
		assertThat(server.acceptedConnections()).isZero();
	}

	@Test
	void refusedUpgradesDoNotAffectHttp() {
		server.rejectUpgrades(426);
		assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), null)).isEqualTo(426);
		RawHttp.Reply reply = post(Requests.httpBody(Requests.userRequest("hi").build()));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(decode(reply)).last().isInstanceOfSatisfying(ResponseCompletedEvent.class,
				(completed) -> assertThat(completed.response().outputText()).isEqualTo("You said: hi"));
	}

	private static RawHttp.Reply post(String body) {
		return RawHttp.postResponses(server.httpBaseUrl(), body, null);
	}

	private static String nonStreaming(CreateResponse request) {
		ObjectNode body = (ObjectNode) JsonMapper.shared().readTree(Requests.httpBody(request));
		body.remove("stream");
		return body.toString();
	}

	private static List<ResponseEvent> decode(RawHttp.Reply reply) {
		assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
		return reply.events().stream().map((block) -> DECODER.decode(block.data())).toList();
	}

}
