package dev.responsesws.test;

import java.time.Duration;
import java.util.List;

import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the server state rules of the simulator: the connection-local cache, the store,
 * eviction, warm-ups, the connection age limit and the one-at-a-time default lane.
 */
class ConnectionStateTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void chainedTurnOnTheSameConnectionIsACacheHitThatProcessesOnlyTheNewItems() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response first = complete(socket, Requests.userRequest("x".repeat(4000)).store(false).build());
			Response second = complete(socket,
					Requests.userRequest("next").store(false).previousResponseId(first.id()).build());
			assertThat(first.usage().inputTokens()).isGreaterThan(1000);
			assertThat(first.usage().cachedInputTokens()).isZero();
			assertThat(second.usage().inputTokens()).isLessThan(20);
			assertThat(second.usage().cachedInputTokens()).isGreaterThan(1000);
			assertThat(second.previousResponseId()).isEqualTo(first.id());
		}
	}

	@Test
	void unstoredResponseIsNotFoundFromAnotherConnection() {
		Response first;
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			first = complete(socket, Requests.userRequest("hello").store(false).build());
		}
		try (RawWebSocket other = RawWebSocket.connect(server.webSocketUrl())) {
			other.send(Requests.create(Requests.userRequest("again").store(false).previousResponseId(first.id()).build()));
			ErrorEvent error = (ErrorEvent) other.nextEvent();
			assertThat(error.status()).isEqualTo(400);
			assertThat(error.error().type()).isEqualTo("invalid_request_error");
			assertThat(error.error().code()).isEqualTo("previous_response_not_found");
			assertThat(error.error().param()).isEqualTo("previous_response_id");
			assertThat(error.error().message()).contains(first.id());
			assertThat(complete(other, Requests.userRequest("fresh chain").store(false).build()).id()).isNotBlank();
		}
	}

	@Test
	void storedResponseIsReloadedOnAnotherConnectionAtTheCostOfTheWholeHistory() {
		Response first;
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			first = complete(socket, Requests.userRequest("y".repeat(4000)).store(true).build());
		}
		try (RawWebSocket other = RawWebSocket.connect(server.webSocketUrl())) {
			Response second = complete(other,
					Requests.userRequest("next").store(true).previousResponseId(first.id()).build());
			assertThat(second.usage().inputTokens()).isGreaterThan(first.usage().inputTokens());
			assertThat(second.usage().cachedInputTokens()).isZero();
		}
	}

	@Test
	void storeDefaultsToTrueAsOnTheRealApi() {
		Response first;
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			first = complete(socket, Requests.userRequest("hello").build());
		}
		try (RawWebSocket other = RawWebSocket.connect(server.webSocketUrl())) {
			complete(other, Requests.userRequest("next").previousResponseId(first.id()).build());
		}
	}

	@Test
	void onlyTheLastResponseOfTheConnectionIsInMemory() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response first = complete(socket, Requests.userRequest("one").store(false).build());
			complete(socket, Requests.userRequest("two").store(false).build());
			socket.send(Requests.create(Requests.userRequest("three").store(false).previousResponseId(first.id()).build()));
			assertThat(((ErrorEvent) socket.nextEvent()).error().code()).isEqualTo("previous_response_not_found");
		}
	}

	@Test
	void failedTurnEvictsTheIdItReferenced() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response first = complete(socket, Requests.userRequest("one").store(false).build());
			server.enqueue(OutputPlan.error(500, "server_error", "server_error", "Something broke"));
			String chained = Requests.create(Requests.userRequest("two").store(false).previousResponseId(first.id()).build());
			socket.send(chained);
			ErrorEvent failure = (ErrorEvent) socket.nextEvent();
			assertThat(failure.status()).isEqualTo(500);
			socket.send(chained);
			assertThat(((ErrorEvent) socket.nextEvent()).error().code()).isEqualTo("previous_response_not_found");
		}
	}

	@Test
	void evictCachesForgetsTheConnectionState() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response first = complete(socket, Requests.userRequest("one").store(false).build());
			server.evictCaches();
			socket.send(Requests.create(Requests.userRequest("two").store(false).previousResponseId(first.id()).build()));
			assertThat(((ErrorEvent) socket.nextEvent()).error().code()).isEqualTo("previous_response_not_found");
		}
	}

	@Test
	void warmUpCompletesWithAnIdAndNoOutputAndTheNextTurnChainsFromIt() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			CreateResponse warmUp = CreateResponse.builder()
				.model("test-model")
				.instructions("Be brief.")
				.input(InputMessage.developer("z".repeat(2000)))
				.store(false)
				.generate(false)
				.build();
			List<ResponseEvent> events = exchange(socket, warmUp);
			assertThat(events).extracting(ResponseEvent::type)
				.containsExactly("response.created", "response.in_progress", "response.completed");
			Response prepared = ((ResponseCompletedEvent) events.get(2)).response();
			assertThat(prepared.output()).isEmpty();
			assertThat(prepared.usage().outputTokens()).isZero();
			assertThat(prepared.usage().inputTokens()).isGreaterThan(400);
			Response answer = complete(socket,
					Requests.userRequest("go").store(false).previousResponseId(prepared.id()).build());
			assertThat(answer.usage().cachedInputTokens()).isGreaterThan(400);
			assertThat(answer.outputText()).isEqualTo("You said: go");
		}
	}

	@Test
	void requestOnAConnectionPastItsAgeLimitIsRefusedAndANewConnectionWorks() {
		server.maxConnectionAge(Duration.ofMinutes(10));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			complete(socket, Requests.userRequest("young").build());
			server.expireConnections();
			socket.send(Requests.user("old"));
			ErrorEvent error = (ErrorEvent) socket.nextEvent();
			assertThat(error.error().code()).isEqualTo("websocket_connection_limit_reached");
			assertThat(socket.isClosed()).isFalse();
		}
		try (RawWebSocket fresh = RawWebSocket.connect(server.webSocketUrl())) {
			complete(fresh, Requests.userRequest("new connection").build());
		}
	}

	@Test
	void connectionAgeLimitAppliesToConnectionsAlreadyOpen() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			complete(socket, Requests.userRequest("young").build());
			// every connection that has answered a request is older than zero
			server.maxConnectionAge(Duration.ZERO);
			socket.send(Requests.user("old"));
			ErrorEvent error = (ErrorEvent) socket.nextEvent();
			assertThat(error.error().code()).isEqualTo("websocket_connection_limit_reached");
			assertThat(socket.isClosed()).isFalse();
		}
	}

	@Test
	void defaultLaneRunsOneResponseAtATimeAndQueuesTheNext() {
		server.enqueue(OutputPlan.tokens(50).delay(Duration.ofMillis(100)));
		server.enqueue(OutputPlan.tokens(50));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("first"));
			socket.send(Requests.user("second"));
			List<ResponseEvent> first = socket.untilTerminal();
			List<ResponseEvent> second = socket.untilTerminal();
			assertThat(first).hasSize(58).allSatisfy((event) -> assertThat(event.streamId()).isNull());
			assertThat(second).hasSize(58);
			assertThat(first.get(0).sequenceNumber()).isZero();
			assertThat(second.get(0).sequenceNumber()).isZero();
			String firstId = ((ResponseCompletedEvent) first.get(57)).response().id();
			String secondId = ((ResponseCompletedEvent) second.get(57)).response().id();
			assertThat(firstId).isNotEqualTo(secondId);
		}
	}

	@Test
	void disconnectAllDropsOpenConnections() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			complete(socket, Requests.userRequest("hello").build());
			assertThat(server.openConnections()).isEqualTo(1);
			server.disconnectAll();
			assertThat(socket.awaitClosed()).isNull();
		}
	}

	@Test
	void closeAllSendsACloseFrame() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			complete(socket, Requests.userRequest("hello").build());
			server.closeAll(1001, "going away");
			assertThat(socket.awaitClosed()).satisfies((status) -> {
				assertThat(status).isNotNull();
				assertThat(status.code()).isEqualTo(1001);
				assertThat(status.reasonText()).isEqualTo("going away");
			});
		}
	}

	static List<ResponseEvent> exchange(RawWebSocket socket, CreateResponse request) {
		socket.send(Requests.create(request));
		return socket.untilTerminal();
	}

	static Response complete(RawWebSocket socket, CreateResponse request) {
		return completed(exchange(socket, request));
	}

	static Response completed(List<ResponseEvent> events) {
		ResponseEvent last = events.get(events.size() - 1);
		assertThat(last).isInstanceOf(ResponseCompletedEvent.class);
		return ((ResponseCompletedEvent) last).response();
	}

}
