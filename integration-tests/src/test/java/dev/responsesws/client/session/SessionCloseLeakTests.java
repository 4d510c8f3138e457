package dev.responsesws.client.session;

import java.time.Duration;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.NettyLeakDetection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a session with many open connections releases every close frame it sends, whatever
 * thread closes it.
 */
@ExtendWith(NettyLeakDetection.class)
class SessionCloseLeakTests {

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	@Test
	void closingManyConnectionsLeaksNoCloseFrame(MockResponsesServer server) {
		for (int round = 0; round < 3; round++) {
			ResponsesSession session = ResponsesSession.builder()
				.baseUrl(server.httpBaseUrl())
				.connections(200, 200)
				.queue(200, Duration.ofSeconds(30))
				.build();
			session.connect().block(Duration.ofSeconds(30));
			assertThat(session.snapshot().connectionsOpen()).isEqualTo(200);
			session.close(Duration.ofSeconds(5)).block(Duration.ofSeconds(30));
		}
	}

}
