package dev.responsesws.test;

import java.time.Duration;
import java.util.List;

import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the simulator's WebSocket endpoint: event order and numbering, authentication and
 * refused upgrades, recording.
 */
class WebSocketEndpointTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void textAnswerArrivesInTheRealOrderNumberedFromZero() {
		server.enqueue(OutputPlan.text("Hello brave new world"));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			List<ResponseEvent> events = socket.untilTerminal();
			assertThat(events).extracting(ResponseEvent::type)
				.containsExactly("response.created", "response.in_progress", "response.output_item.added",
						"response.content_part.added", "response.output_text.delta", "response.output_text.delta",
						"response.output_text.delta", "response.output_text.delta", "response.output_text.done",
						"response.content_part.done", "response.output_item.done", "response.completed");
			for (int i = 0; i < events.size(); i++) {
				assertThat(events.get(i).sequenceNumber()).isEqualTo(i);
			}
			assertThat(events).filteredOn(OutputTextDeltaEvent.class::isInstance)
				.extracting((event) -> ((OutputTextDeltaEvent) event).delta())
				.containsExactly("Hello", " brave", " new", " world");
			ResponseCompletedEvent completed = (ResponseCompletedEvent) events.get(events.size() - 1);
			assertThat(completed.response().outputText()).isEqualTo("Hello brave new world");
			assertThat(completed.response().id()).isEqualTo(((ResponseCreatedEvent) events.get(0)).response().id());
			assertThat(completed.response().usage().outputTokens()).isEqualTo(4);
		}
	}

	@Test
	void upgradeWithoutTheExpectedKeyIsRefusedWith401() {
		server.apiKey("sk-right");
		assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), null)).isEqualTo(401);
		assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), "sk-wrong")).isEqualTo(401);
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl(), "sk-right")) {
			socket.send(Requests.user("hi"));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
	}

	@Test
	void upgradeCanBeRefusedAsByAServerWithoutWebSocketMode() {
		server.rejectUpgrades(426);
		assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), null)).isEqualTo(426);
		server.acceptUpgrades();
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
	}

	@Test
	void everyReceivedFrameIsRecordedWithItsConnection() throws InterruptedException {
		try (RawWebSocket first = RawWebSocket.connect(server.webSocketUrl());
				RawWebSocket second = RawWebSocket.connect(server.webSocketUrl())) {
			first.send(Requests.user("one"));
			first.untilTerminal();
			second.send(Requests.user("two"));
			second.untilTerminal();
			second.send("not json");
			assertThat(second.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class,
					(error) -> assertThat(error.error().code()).isEqualTo("invalid_json"));
		}
		RecordedFrame one = server.takeFrame(Duration.ofSeconds(5));
		RecordedFrame two = server.takeFrame(Duration.ofSeconds(5));
		RecordedFrame garbage = server.takeFrame(Duration.ofSeconds(5));
		assertThat(one).isNotNull();
		assertThat(two).isNotNull();
		assertThat(garbage).isNotNull();
		assertThat(one.connectionId()).isNotEqualTo(two.connectionId());
		assertThat(two.connectionId()).isEqualTo(garbage.connectionId());
		assertThat(one.transport()).isEqualTo(Transport.WEBSOCKET);
		assertThat(one.type()).isEqualTo("response.create");
		assertThat(one.requireRequest().input()).containsExactly(Requests.userMessage("one"));
		assertThat(garbage.request()).isNull();
		assertThat(garbage.text()).isEqualTo("not json");
		assertThat(server.recordedFrames()).containsExactly(one, two, garbage);
		assertThat(server.recordedRequests()).containsExactly(one, two);
		assertThat(server.acceptedConnections()).isEqualTo(2);
	}

	@Test
	void messagesOtherThanResponseCreateAreAnsweredWithAnError() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send("{\"type\":\"response.steer\"}");
			assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class, (error) -> {
				assertThat(error.status()).isEqualTo(400);
				assertThat(error.error().code()).isEqualTo("unsupported_message_type");
			});
			socket.send("{\"type\":\"response.create\",\"stream\":true}");
			assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class,
					(error) -> assertThat(error.error().param()).isEqualTo("stream"));
			socket.send("{\"type\":\"response.create\",\"model\":42}");
			assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class,
					(error) -> assertThat(error.error().type()).isEqualTo("invalid_request_error"));
			socket.send(Requests.user("still usable"));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
	}

	@Test
	void largeFramesPassInBothDirections() {
		String big = "x".repeat(3 * 1024 * 1024);
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user(big));
			List<ResponseEvent> events = socket.untilTerminal();
			ResponseCompletedEvent completed = (ResponseCompletedEvent) events.get(events.size() - 1);
			assertThat(completed.response().outputText()).isEqualTo("You said: " + big);
		}
	}

}
