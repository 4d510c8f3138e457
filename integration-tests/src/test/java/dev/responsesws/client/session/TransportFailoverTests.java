package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.internal.transport.HttpResponsesTransport;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link TransportFailover} against the simulator over real sockets: which refusals
 * make a turn run again on a new connection or over HTTP, and which reach the caller.
 */
class TransportFailoverTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private @Nullable ConnectionPool pool;

	@BeforeEach
	void reset() {
		server.disconnectAll();
	}

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close(Duration.ZERO).block(TIMEOUT);
		}
	}

	@Test
	void turnRefusedForTheConnectionLimitBeforeAnyEventRunsAgainOnANewConnection() {
		TransportFailover failover = failover(UnaryOperator.identity());
		server.enqueue(connectionLimitReached());
		List<ResponseEvent> events = failover.send(request("hello"), TransportMode.WEBSOCKET).collectList().block(TIMEOUT);
		assertThat(events).last().isInstanceOfSatisfying(ResponseCompletedEvent.class,
				(completed) -> assertThat(completed.response().outputText()).isEqualTo("You said: hello"));
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(2).extracting(RecordedFrame::transport).containsOnly(Transport.WEBSOCKET);
		assertThat(requests.get(1).connectionId()).isNotEqualTo(requests.get(0).connectionId());
		assertThat(failover.transport()).isEqualTo(TransportMode.WEBSOCKET);
	}

	@Test
	void turnRefusedForTheConnectionLimitAgainOnTheNewConnectionFails() {
		TransportFailover failover = failover(UnaryOperator.identity());
		server.enqueue(connectionLimitReached());
		server.enqueue(connectionLimitReached());
		StepVerifier.create(failover.send(request("hello"), TransportMode.WEBSOCKET))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
					(refused) -> assertThat(refused.code()).isEqualTo(ApiError.CONNECTION_LIMIT_REACHED)))
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).hasSize(2);
	}

	@Test
	void turnRefusedForAnotherReasonIsNotRunAgain() {
		TransportFailover failover = failover(UnaryOperator.identity());
		server.enqueue(OutputPlan.error(500, "server_error", "server_error", "Internal error"));
		StepVerifier.create(failover.send(request("hello"), TransportMode.WEBSOCKET))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
					(refused) -> assertThat(refused.code()).isEqualTo("server_error")))
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).hasSize(1);
	}

	@Test
	void upgradeRefusedWith426SwitchesThisAndLaterTurnsToHttp() {
		server.rejectUpgrades(426);
		TransportFailover failover = failover(UnaryOperator.identity());
		assertThat(completedText(failover.send(request("hello"), TransportMode.WEBSOCKET))).isEqualTo("You said: hello");
		assertThat(failover.transport()).isEqualTo(TransportMode.HTTP);
		assertThat(completedText(failover.send(request("again"), failover.transport()))).isEqualTo("You said: again");
		assertThat(server.upgradeAttempts()).isEqualTo(1);
		assertThat(server.recordedRequests()).extracting(RecordedFrame::transport)
			.containsExactly(Transport.HTTP, Transport.HTTP);
	}

	@Test
	void upgradeRefusedWith426FailsTheTurnWithoutFallback() {
		server.rejectUpgrades(426);
		TransportFailover failover = failover((builder) -> builder.fallbackToHttp(false));
		StepVerifier.create(failover.send(request("hello"), TransportMode.WEBSOCKET))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
					(rejected) -> assertThat(rejected.status()).isEqualTo(426)))
			.verify(TIMEOUT);
		assertThat(failover.transport()).isEqualTo(TransportMode.WEBSOCKET);
		assertThat(server.recordedRequests()).isEmpty();
	}

	@Test
	void upgradeRefusedWithAnotherStatusDoesNotFallBack() {
		server.rejectUpgrades(403);
		TransportFailover failover = failover(UnaryOperator.identity());
		StepVerifier.create(failover.send(request("hello"), TransportMode.WEBSOCKET))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
					(rejected) -> assertThat(rejected.status()).isEqualTo(403)))
			.verify(TIMEOUT);
		assertThat(failover.transport()).isEqualTo(TransportMode.WEBSOCKET);
		assertThat(server.recordedRequests()).isEmpty();
	}

	@Test
	void turnOverHttpCountsAsInFlightUntilItEnds() {
		TransportFailover failover = failover((builder) -> builder.transport(TransportMode.HTTP));
		server.enqueue(OutputPlan.text("slow").delay(Duration.ofMillis(300)));
		StepVerifier.create(failover.send(request("hello"), failover.transport()))
			.expectNextCount(1)
			.then(() -> assertThat(failover.httpInFlight()).isOne())
			.thenConsumeWhile((event) -> true)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(server.upgradeAttempts()).isZero();
	}

	@Test
	void closingHttpWaitsForTheRunningTurnAndRefusesTurnsThatHadNotStarted() {
		TransportFailover failover = failover((builder) -> builder.transport(TransportMode.HTTP));
		CompletableFuture<Void> release = new CompletableFuture<>();
		try {
			server.enqueue(OutputPlan.text("slow").holdUntil(release));
			CompletableFuture<List<ResponseEvent>> running = failover.send(request("hello"), TransportMode.HTTP)
				.collectList()
				.toFuture();
			await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
			CompletableFuture<Void> closed = failover.closeHttp().toFuture();
			StepVerifier.create(failover.send(request("late"), TransportMode.HTTP))
				.expectError(SessionClosedException.class)
				.verify(TIMEOUT);
			assertThat(closed).as("closed while a turn runs").isNotDone();
			release.complete(null);
			assertThat(running.join()).last().isInstanceOf(ResponseCompletedEvent.class);
			await("closed once the turn ended").atMost(TIMEOUT).until(closed::isDone);
			assertThat(failover.httpInFlight()).isZero();
			assertThat(server.recordedRequests()).hasSize(1);
		}
		finally {
			release.complete(null);
		}
	}

	@Test
	void warmupIsNotSentOverHttp() {
		TransportFailover failover = failover((builder) -> builder.transport(TransportMode.HTTP));
		StepVerifier.create(failover.send(request("hello").toBuilder().generate(false).build(), TransportMode.HTTP))
			.expectError(WarmupUnavailableException.class)
			.verify(TIMEOUT);
		assertThat(failover.httpInFlight()).isZero();
		assertThat(server.recordedFrames()).isEmpty();
	}

	@Test
	void turnRefusedForTheServersAgeLimitRunsAgainOnAConnectionOpenedSince() {
		// three connections opened together pass the server's age limit together: the retry must
		// not land on one of the other two, which would refuse it again
		TransportFailover failover = failover((builder) -> builder.connections(3, 3));
		ConnectionPool pool = this.pool;
		assertThat(pool).isNotNull();
		pool.fill().block(TIMEOUT);
		// the server takes a connection in after writing its 101, so possibly after the client has it
		await("the server has the three connections").atMost(TIMEOUT).until(() -> server.openConnections() == 3);
		server.expireConnections();
		for (String text : List.of("first", "second")) {
			List<ResponseEvent> events = failover.send(request(text), TransportMode.WEBSOCKET).collectList().block(TIMEOUT);
			assertThat(events).as(text + " turn").last().isInstanceOf(ResponseCompletedEvent.class);
		}
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests.get(1).connectionId()).as("the retry's connection")
			.isNotEqualTo(requests.get(0).connectionId());
	}

	private TransportFailover failover(UnaryOperator<ResponsesSession.Builder> customizer) {
		SessionConfig config = customizer
			.apply(ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-test"))
			.config();
		this.pool = new ConnectionPool(config, new SessionStats());
		HttpResponsesTransport http = new HttpResponsesTransport(config.httpClient(), config.httpBaseUrl(),
				config.headers(), config.maxFrameSize(), config.idleTimeout());
		return new TransportFailover(config, this.pool, http);
	}

	private static OutputPlan connectionLimitReached() {
		return OutputPlan.error(400, "invalid_request_error", ApiError.CONNECTION_LIMIT_REACHED,
				"This connection has reached its maximum duration.");
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	private static String completedText(Flux<ResponseEvent> events) {
		ResponseEvent last = events.last().block(TIMEOUT);
		assertThat(last).isInstanceOf(ResponseCompletedEvent.class);
		return ((ResponseCompletedEvent) last).response().outputText();
	}

}
