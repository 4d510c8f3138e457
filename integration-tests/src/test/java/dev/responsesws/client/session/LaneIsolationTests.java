package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a lane turn the server refuses fails alone, with its own error, and leaves nothing
 * behind, while the other turns of its connection run on.
 */
class LaneIsolationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final CompletableFuture<Void> release = new CompletableFuture<>();

	@AfterEach
	void releaseHeldResponses() {
		this.release.complete(null);
	}

	@Test
	void refusedTurnFailsWithItsOwnErrorAndTheSlowTurnCompletesIntact() {
		try (ResponsesSession session = oneConnectionWithLanes()) {
			Flux<ResponseEvent> slow = startHeld(session, "one two three four five");
			StepVerifier.create(session.create(request("refused").toBuilder().extra("background", true).build()))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
						(refusal) -> {
							assertThat(refusal.code()).isEqualTo("unsupported_parameter");
							assertThat(refusal.error().param()).isEqualTo("background");
						}))
				.verify(TIMEOUT);
			this.release.complete(null);
			assertIntact(slow, "one two three four five");
		}
	}

	@Test
	void invalidStreamIdOfOneTurnDoesNotFailAnotherLaneTurn() {
		try (ResponsesSession session = oneConnectionWithLanes()) {
			Flux<ResponseEvent> slow = startHeld(session, "still running");
			StepVerifier.create(session.create(request("refused").toBuilder().streamId("not a lane!").build()))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
						(refusal) -> assertThat(refusal.code()).isEqualTo("invalid_stream_id")))
				.verify(TIMEOUT);
			this.release.complete(null);
			assertIntact(slow, "still running");
		}
	}

	@Test
	void refusedTurnLeavesNothingPendingAndItsLaneServesTheNextTurnAtOnce() {
		try (ResponsesSession session = oneConnectionWithLanes()) {
			Flux<ResponseEvent> slow = startHeld(session, "slow");
			StepVerifier.create(session.create(request("refused").toBuilder()
				.streamId("mine")
				.extra("background", true)
				.build())).expectError(ResponsesApiException.class).verify(TIMEOUT);
			// the same lane while the slow turn still runs: nothing of the refused turn is in the way
			StepVerifier.create(session.execute(request("next").toBuilder().streamId("mine").build()))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: next"))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(session.snapshot().inFlight()).as("only the slow turn runs").isEqualTo(1);
			this.release.complete(null);
			assertIntact(slow, "slow");
			SessionSnapshot snapshot = session.snapshot();
			assertThat(snapshot.inFlight()).isZero();
			assertThat(snapshot.connectionsBusy()).isZero();
			assertThat(snapshot.turnsFailed()).isEqualTo(1);
			assertThat(snapshot.turnsCompleted()).isEqualTo(2);
			StepVerifier.create(session.execute(request("after")))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: after"))
				.expectComplete()
				.verify(TIMEOUT);
			List<RecordedFrame> requests = server.recordedFrames();
			String connection = requests.get(0).connectionId();
			assertThat(requests).hasSize(4).allSatisfy((frame) -> assertThat(frame.connectionId()).isEqualTo(connection));
			assertThat(server.acceptedConnections()).isEqualTo(1);
			assertThat(server.recordedCloses()).noneMatch((close) -> close.connectionId().equals(connection));
			assertThat(session.snapshot().connectionsOpened()).isEqualTo(1);
		}
	}

	private static ResponsesSession oneConnectionWithLanes() {
		return ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.apiKey("sk-test")
			.connections(1, 1)
			.lanes(true, 4)
			.closeGrace(Duration.ofSeconds(1))
			.build();
	}

	/** Start a turn whose response holds after {@code response.in_progress} until the test releases it. */
	private Flux<ResponseEvent> startHeld(ResponsesSession session, String text) {
		server.enqueue(OutputPlan.text(text).holdUntil(this.release));
		Flux<ResponseEvent> events = session.create(request("slow")).replay().autoConnect(0);
		StepVerifier.create(events.take(2))
			.expectNextMatches(ResponseCreatedEvent.class::isInstance)
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		return events;
	}

	private static void assertIntact(Flux<ResponseEvent> events, String text) {
		List<ResponseEvent> received = events.collectList().block(TIMEOUT);
		assertThat(received).isNotNull();
		String lane = received.get(0).streamId();
		assertThat(lane).isNotNull();
		for (int i = 0; i < received.size(); i++) {
			assertThat(received.get(i).sequenceNumber()).isEqualTo(i);
			assertThat(received.get(i).streamId()).isEqualTo(lane);
		}
		ResponseEvent last = received.get(received.size() - 1);
		assertThat(last).isInstanceOfSatisfying(ResponseCompletedEvent.class,
				(completed) -> assertThat(completed.response().outputText()).isEqualTo(text));
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

}
