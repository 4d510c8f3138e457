package dev.responsesws.client.session;

import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.RecordedClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that passes {@code maxConnectionAge} while idle is closed with status 1000 and
 * gives its slot back, whether or not a turn comes.
 */
class IdleConnectionAgeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private static ResponsesSession.Builder session(Duration maxAge) {
		return ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.connections(0, 1)
			.maxConnectionAge(maxAge)
			.queue(16, Duration.ofSeconds(5));
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void idleConnectionPastItsAgeIsClosedAndFreesItsSlotWithoutATurn() throws InterruptedException {
		ResponsesSession session = session(Duration.ofMillis(200)).build();
		try {
			session.execute(request("one")).block(TIMEOUT);
			String first = server.recordedRequests().get(0).connectionId();
			RecordedClose close = CloseFrameTests.awaitClose(server, first);
			assertThat(close.code()).as("close code (%s)", close.reason()).isEqualTo(1000);
			SessionSnapshot snapshot = session.snapshot();
			assertThat(snapshot.connectionsOpen()).isZero();
			assertThat(snapshot.rotations()).isEqualTo(1);
			StepVerifier.create(session.execute(request("two")))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: two"))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(server.recordedRequests().get(1).connectionId()).isNotEqualTo(first);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	@Test
	void turnAfterTheAgeOfTheOnlyConnectionGetsANewOne() throws InterruptedException {
		ResponsesSession session = session(Duration.ofMillis(1500)).build();
		try {
			session.execute(request("one")).block(TIMEOUT);
			StepVerifier.create(Mono.delay(Duration.ofMillis(2000)).then(session.execute(request("two"))))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: two"))
				.expectComplete()
				.verify(TIMEOUT);
			String first = server.recordedRequests().get(0).connectionId();
			assertThat(server.recordedRequests().get(1).connectionId()).isNotEqualTo(first);
			assertThat(CloseFrameTests.awaitClose(server, first).code()).isEqualTo(1000);
			assertThat(session.snapshot().connectionsOpen()).isEqualTo(1);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

}
