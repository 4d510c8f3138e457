package dev.responsesws.test;

import java.net.URI;

import dev.responsesws.client.event.ResponseCompletedEvent;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MockResponsesServerExtension} registered in a static field with a
 * customizer: the configuration holds for every test, resets included.
 */
@TestMethodOrder(OrderAnnotation.class)
class MockResponsesServerExtensionRegisteredTests {

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension((b) -> b.apiKey("sk-test"));

	@Test
	@Order(1)
	void connectWithoutTheConfiguredKeyIsRefused(MockResponsesServer server, URI webSocketUrl) {
		assertThat(server).isSameAs(simulator.server());
		assertThat(webSocketUrl).isEqualTo(simulator.server().webSocketUrl());
		assertThat(RawWebSocket.rejectedStatus(webSocketUrl, null)).isEqualTo(401);
		assertThat(RawWebSocket.rejectedStatus(webSocketUrl, "sk-other")).isEqualTo(401);
		server.apiKey(null);
	}

	@Test
	@Order(2)
	void theConfiguredKeySurvivesTheResetBetweenTests(URI webSocketUrl) {
		assertThat(RawWebSocket.rejectedStatus(webSocketUrl, null)).isEqualTo(401);
		try (RawWebSocket socket = RawWebSocket.connect(webSocketUrl, "sk-test")) {
			socket.send(Requests.user("hi"));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
		assertThat(simulator.server().recordedRequests()).hasSize(1);
	}

}
