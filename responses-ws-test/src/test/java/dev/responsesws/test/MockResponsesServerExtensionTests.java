package dev.responsesws.test;

import java.net.URI;
import java.time.Duration;

import dev.responsesws.client.event.ResponseCompletedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MockResponsesServerExtension} registered with {@code @ExtendWith}: one
 * server for the class, resolved as a parameter of test and lifecycle methods (the server
 * itself or its WebSocket URL), reset before each test.
 */
@ExtendWith(MockResponsesServerExtension.class)
@TestMethodOrder(OrderAnnotation.class)
class MockResponsesServerExtensionTests {

	private static MockResponsesServer firstServer;

	private MockResponsesServer serverBeforeEach;

	@BeforeEach
	void captureServer(MockResponsesServer server) {
		this.serverBeforeEach = server;
	}

	@Test
	@Order(1)
	void resolvesTheServerAndItsWebSocketUrl(MockResponsesServer server, URI webSocketUrl) {
		firstServer = server;
		assertThat(server).isSameAs(this.serverBeforeEach);
		assertThat(webSocketUrl).isEqualTo(server.webSocketUrl());
		assertThat(webSocketUrl.getScheme()).isEqualTo("ws");
		assertThat(webSocketUrl.getPath()).isEqualTo(MockResponsesServer.PATH);
		try (RawWebSocket socket = RawWebSocket.connect(webSocketUrl)) {
			socket.send(Requests.user("hello"));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
		assertThat(server.recordedRequests()).hasSize(1);
	}

	@Test
	@Order(2)
	void leavesStateBehind(MockResponsesServer server) {
		assertThat(server).isSameAs(firstServer);
		server.enqueue(OutputPlan.text("left over from the previous test"));
		server.rejectUpgrades(426);
		server.apiKey("sk-leftover");
		assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), "sk-leftover")).isEqualTo(426);
		assertThat(server.upgradeAttempts()).isEqualTo(1);
	}

	@Test
	@Order(3)
	void startsEachTestFromAFreshState(MockResponsesServer server, URI webSocketUrl) throws InterruptedException {
		assertThat(server).isSameAs(firstServer);
		assertThat(server.recordedFrames()).isEmpty();
		assertThat(server.takeFrame(Duration.ZERO)).isNull();
		assertThat(server.upgradeAttempts()).isZero();
		assertThat(server.acceptedConnections()).isZero();
		try (RawWebSocket socket = RawWebSocket.connect(webSocketUrl)) {
			socket.send(Requests.user("fresh"));
			assertThat(socket.untilTerminal()).last()
				.isInstanceOfSatisfying(ResponseCompletedEvent.class,
						(completed) -> assertThat(completed.response().outputText()).isEqualTo("You said: fresh"));
		}
	}

}
