package dev.responsesws.client.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ResponsesSession#close(Duration)} with turns running over HTTP, configured or after a
 * fallback: it waits for them within the grace period, fails those that outlast it, and does
 * nothing until it is subscribed.
 */
class HttpCloseTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final CompletableFuture<Void> release = new CompletableFuture<>();

	@BeforeEach
	void reset() {
		server.disconnectAll();
	}

	@AfterEach
	void releaseHeldTurns() {
		this.release.complete(null);
	}

	static ResponsesSession httpSession() {
		return session().transport(TransportMode.HTTP).build();
	}

	static ResponsesSession fallbackSession() {
		server.rejectUpgrades(426);
		return session().fallbackToHttp(true).build();
	}

	private static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-test");
	}

	static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void closeWaitsForARunningHttpTurn() throws Exception {
		try (ResponsesSession session = httpSession()) {
			closeWaitsForTheRunningTurn(session);
		}
	}

	@Test
	void closeWaitsForATurnThatFellBackToHttp() throws Exception {
		try (ResponsesSession session = fallbackSession()) {
			closeWaitsForTheRunningTurn(session);
			assertThat(server.upgradeAttempts()).isEqualTo(1);
		}
	}

	@Test
	void closeWaitsForATurnOfASessionThatFellBackEarlier() throws Exception {
		try (ResponsesSession session = fallbackSession()) {
			session.execute(request("first")).block(TIMEOUT);
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			closeWaitsForTheRunningTurn(session);
		}
	}

	private void closeWaitsForTheRunningTurn(ResponsesSession session) throws Exception {
		int requestsBefore = server.recordedRequests().size();
		server.enqueue(OutputPlan.text("still finishing").holdUntil(this.release));
		AtomicBoolean turnEnded = new AtomicBoolean();
		CompletableFuture<Response> turn = session.execute(request("hi"))
			.doOnNext((response) -> turnEnded.set(true))
			.toFuture();
		await("the turn is running").atMost(TIMEOUT)
			.until(() -> server.recordedRequests().size() == requestsBefore + 1);
		AtomicBoolean closedAfterTheTurn = new AtomicBoolean();
		CompletableFuture<Void> closing = session.close(Duration.ofSeconds(20))
			.doOnSuccess((done) -> closedAfterTheTurn.set(turnEnded.get()))
			.toFuture();
		assertThat(session.snapshot().closed()).isTrue();
		await("close waits while the turn runs").during(Duration.ofMillis(500))
			.atMost(TIMEOUT)
			.until(() -> !closing.isDone() && !turn.isDone());
		this.release.complete(null);
		assertThat(turn.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).outputText()).isEqualTo("still finishing");
		closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(closedAfterTheTurn).as("close completed after the turn's end").isTrue();
		assertThat(session.snapshot().turnsFailed()).isZero();
		assertThat(session.snapshot().inFlight()).isZero();
	}

	@Test
	void closeWaitsForAnHttpTurnThatIsStreaming() throws Exception {
		try (ResponsesSession session = httpSession()) {
			server.enqueue(OutputPlan.tokens(200).tokenRate(100));
			AtomicInteger events = new AtomicInteger();
			AtomicBoolean turnEnded = new AtomicBoolean();
			CompletableFuture<Void> turn = session.create(request("hi"))
				.doOnNext((event) -> events.incrementAndGet())
				.doOnComplete(() -> turnEnded.set(true))
				.then()
				.toFuture();
			await("the turn is streaming").atMost(TIMEOUT).until(() -> events.get() > 10);
			AtomicBoolean closedAfterTheTurn = new AtomicBoolean();
			CompletableFuture<Void> closing = session.close(Duration.ofSeconds(20))
				.doOnSuccess((done) -> closedAfterTheTurn.set(turnEnded.get()))
				.toFuture();
			assertThat(closing).as("closing while the turn streams").isNotDone();
			turn.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(closedAfterTheTurn).as("close completed after the turn's end").isTrue();
			assertThat(session.snapshot().turnsFailed()).isZero();
		}
	}

	@Test
	void httpTurnStillRunningWhenTheGraceEndsFailsWithSessionClosed() {
		try (ResponsesSession session = httpSession()) {
			turnOutlastingTheGraceFails(session);
		}
	}

	@Test
	void turnThatFellBackToHttpStillRunningWhenTheGraceEndsFailsWithSessionClosed() {
		try (ResponsesSession session = fallbackSession()) {
			turnOutlastingTheGraceFails(session);
		}
	}

	private void turnOutlastingTheGraceFails(ResponsesSession session) {
		server.enqueue(OutputPlan.text("too slow").holdUntil(this.release));
		CompletableFuture<Response> turn = session.execute(request("hi")).toFuture();
		await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
		StepVerifier.create(session.close(Duration.ofMillis(500))).expectComplete().verify(TIMEOUT);
		await("the turn ended").atMost(TIMEOUT).until(turn::isDone);
		assertThat(turn).isCompletedExceptionally();
		assertThat(turn.handle((response, error) -> error)
			.join()).isInstanceOf(SessionClosedException.class).hasMessageContaining("grace period");
		assertThat(session.snapshot().inFlight()).isZero();
	}

	@Test
	void closeThatIsNotSubscribedDoesNothing() {
		try (ResponsesSession session = httpSession()) {
			Mono<Void> closing = session.close(Duration.ofSeconds(5));
			assertThat(session.snapshot().closed()).isFalse();
			assertThat(session.execute(request("hello")).block(TIMEOUT).outputText()).isEqualTo("You said: hello");
			StepVerifier.create(closing).expectComplete().verify(TIMEOUT);
			assertThat(session.snapshot().closed()).isTrue();
			StepVerifier.create(session.execute(request("again")))
				.expectError(SessionClosedException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void closeOfAWebSocketSessionThatIsNotSubscribedDoesNothing() throws InterruptedException {
		try (ResponsesSession session = session().build()) {
			Mono<Void> closing = session.close(Duration.ofSeconds(5));
			assertThat(session.execute(request("hello")).block(TIMEOUT).outputText()).isEqualTo("You said: hello");
			StepVerifier.create(closing).expectComplete().verify(TIMEOUT);
			assertThat(server.takeClose(TIMEOUT)).isNotNull();
		}
	}

	@Test
	void closingHttpSessionRefusesATurnThatHadNotStarted() {
		try (ResponsesSession session = httpSession()) {
			StepVerifier.create(session.close(Duration.ofSeconds(5))).expectComplete().verify(TIMEOUT);
			StepVerifier.create(session.create(request("late")))
				.expectError(SessionClosedException.class)
				.verify(TIMEOUT);
			assertThat(server.recordedFrames()).isEmpty();
		}
	}

}
