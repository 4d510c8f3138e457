package dev.responsesws.autoconfigure.health;

import java.time.Duration;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.RecordedClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health probe's WebSocket connection ends with a close frame carrying status 1000, not with
 * a bare TCP close.
 */
class HealthProbeCloseFrameTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void probeConnectionIsClosedWithStatus1000() throws InterruptedException {
		try (MockResponsesServer server = MockResponsesServer.start()) {
			ResponsesSession session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
			try {
				Health health = new ResponsesWsHealthIndicator(session, Duration.ofSeconds(10)).health().block(TIMEOUT);
				assertThat(health).isNotNull();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				RecordedClose close = server.takeClose(TIMEOUT);
				assertThat(close).as("the probe's connection ended").isNotNull();
				assertThat(close.code()).as("close code (%s)", close.reason()).isEqualTo(1000);
			}
			finally {
				session.close(Duration.ofSeconds(5)).block(TIMEOUT);
			}
		}
	}

}
