package dev.responsesws.client.session;

import java.time.Duration;

import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection the client closes, whatever the reason, ends with a WebSocket close frame
 * carrying status 1000, as the simulator records it.
 */
class CloseFrameTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).reconnectBackoff(Duration.ofMillis(10),
				Duration.ofMillis(50));
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void closingTheSessionSendsStatus1000() throws InterruptedException {
		ResponsesSession session = session().build();
		session.execute(request("hello")).block(TIMEOUT);
		String used = server.recordedRequests().get(0).connectionId();
		session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		assertClosedNormally(used);
	}

	@Test
	void connectionRetiredForTheServerAgeLimitSendsStatus1000() throws InterruptedException {
		server.maxConnectionAge(Duration.ZERO);
		ResponsesSession session = session().build();
		try {
			StepVerifier.create(session.execute(request("refused twice")))
				.expectError(ResponsesApiException.class)
				.verify(TIMEOUT);
			assertClosedNormally(server.recordedRequests().get(0).connectionId());
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	@Test
	void cancelledTurnWithTheClosePolicySendsStatus1000() throws InterruptedException {
		server.enqueue(OutputPlan.tokens(1000).tokenRate(50));
		ResponsesSession session = session().cancelPolicy(CancelPolicy.CLOSE).build();
		try {
			StepVerifier.create(session.create(request("long")).take(3))
				.expectNextCount(3)
				.expectComplete()
				.verify(TIMEOUT);
			assertClosedNormally(server.recordedRequests().get(0).connectionId());
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	@Test
	void probeClosesItsConnectionWithStatus1000() throws InterruptedException {
		ResponsesSession session = session().build();
		try {
			session.probe().block(TIMEOUT);
			RecordedClose close = server.takeClose(TIMEOUT);
			assertThat(close).as("the probe's connection ended").isNotNull();
			assertThat(close.code()).as("close code (%s)", close.reason()).isEqualTo(1000);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	private static void assertClosedNormally(String connectionId) throws InterruptedException {
		RecordedClose close = awaitClose(server, connectionId);
		assertThat(close.code()).as("close code of %s (%s)", connectionId, close.reason()).isEqualTo(1000);
	}

	/**
	 * Wait until the simulator records the end of a connection.
	 * @param server the simulator
	 * @param connectionId the connection
	 * @return how it ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	static RecordedClose awaitClose(MockResponsesServer server, String connectionId) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (RecordedClose close : server.recordedCloses()) {
				if (close.connectionId().equals(connectionId)) {
					return close;
				}
			}
			server.takeClose(Duration.ofMillis(100));
		}
		throw new AssertionError(connectionId + " did not close within " + TIMEOUT + ": " + server.recordedCloses());
	}

}
