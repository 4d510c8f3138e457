package dev.responsesws.client.internal.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of one {@link WebSocketConnection} against the simulator.
 */
class WebSocketConnectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private WebSocketConnection connection;

	@BeforeEach
	void connect() {
		this.connection = connect(settings(server.webSocketUrl(), "sk-test", Duration.ofSeconds(5)));
	}

	@AfterEach
	void close() {
		this.connection.close().block(TIMEOUT);
	}

	@Test
	void turnStreamsEventsInOrderAndCompletesAfterTheTerminalEvent() {
		server.enqueue(OutputPlan.text("one two three"));
		StepVerifier.create(this.connection.send(request("hi")))
			.expectNextCount(4)
			.expectNextMatches((event) -> event instanceof OutputTextDeltaEvent delta && delta.delta().equals("one"))
			.expectNextCount(5)
			.expectNextMatches(ResponseCompletedEvent.class::isInstance)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void nothingIsSentUntilSubscribed() throws InterruptedException {
		this.connection.send(request("never"));
		assertThat(server.takeFrame(Duration.ofMillis(300))).isNull();
		// a frame sent without a subscriber would have reached the server before this turn's
		StepVerifier.create(this.connection.send(request("after")).last())
			.expectNextMatches(ResponseCompletedEvent.class::isInstance)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).hasSize(1);
		assertThat(server.recordedRequests().get(0).text()).contains("after").doesNotContain("never");
	}

	@Test
	void errorFrameFailsTheTurnAndTheConnectionServesTheNext() {
		server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
				Map.of("retry-after-ms", "250")));
		StepVerifier.create(this.connection.send(request("hi")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ResponsesApiException.class);
				ResponsesApiException api = (ResponsesApiException) error;
				assertThat(api.status()).isEqualTo(429);
				assertThat(api.code()).isEqualTo("rate_limit_exceeded");
				assertThat(api.error().headers()).containsEntry("retry-after-ms", "250");
			})
			.verify(TIMEOUT);
		StepVerifier.create(this.connection.send(request("again")).last())
			.expectNextMatches(ResponseCompletedEvent.class::isInstance)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void serverCloseMidStreamFailsTheTurnWithTheCloseCodeAndWhatWasReceived() {
		server.enqueue(OutputPlan.text("a b c d e f").closeAfter(5, 1011, "server fault"));
		StepVerifier.create(this.connection.send(request("hi")))
			.expectNextCount(5)
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ConnectionClosedException.class);
				ConnectionClosedException closed = (ConnectionClosedException) error;
				assertThat(closed.closeCode()).isEqualTo(1011);
				assertThat(closed.eventsReceived()).isEqualTo(5);
				assertThat(closed.lastEventType()).isEqualTo("response.output_text.delta");
			})
			.verify(TIMEOUT);
		assertThat(this.connection.isOpen()).isFalse();
	}

	@Test
	void droppedConnectionFailsTheTurnWithoutHanging() {
		server.enqueue(OutputPlan.text("a b c d e f").disconnectAfter(3));
		StepVerifier.create(this.connection.send(request("hi")))
			.expectNextCount(3)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectionClosedException.class,
					(closed) -> assertThat(closed.closeCode()).isEqualTo(ConnectionClosedException.NO_CLOSE_FRAME)))
			.verify(TIMEOUT);
	}

	@Test
	void malformedFrameFailsTheTurnAndLeavesTheConnectionUsable() {
		server.enqueue(OutputPlan.text("a b c").malformedFrameAfter(2));
		StepVerifier.create(this.connection.send(request("hi")))
			.expectNextCount(2)
			.expectError(ProtocolDecodingException.class)
			.verify(TIMEOUT);
		StepVerifier.create(this.connection.send(request("again")).last())
			.expectNextMatches((event) -> event instanceof ResponseCompletedEvent completed
					&& completed.response().outputText().equals("You said: again"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void noEventWithinTheIdleTimeoutFailsTheTurn() {
		CompletableFuture<Void> release = new CompletableFuture<>();
		WebSocketConnection impatient = connect(settings(server.webSocketUrl(), "sk-test", Duration.ofMillis(300)));
		try {
			// held until the test ends: no event follows in_progress however long the timeout takes
			server.enqueue(OutputPlan.text("late").holdUntil(release));
			StepVerifier.create(impatient.send(request("hi")))
				.expectNextCount(2)
				.expectError(ResponsesTimeoutException.class)
				.verify(TIMEOUT);
		}
		finally {
			release.complete(null);
			impatient.close().block(TIMEOUT);
		}
	}

	@Test
	void slowSubscriberIsNotAnIdleTimeout() {
		WebSocketConnection impatient = connect(settings(server.webSocketUrl(), "sk-test", Duration.ofMillis(300)));
		try {
			server.enqueue(OutputPlan.text("one two three"));
			StepVerifier.create(impatient.send(request("hi")), 1)
				.expectNextCount(1)
				.thenAwait(Duration.ofMillis(800))
				.thenRequest(Long.MAX_VALUE)
				.expectNextCount(10)
				.expectComplete()
				.verify(TIMEOUT);
		}
		finally {
			impatient.close().block(TIMEOUT);
		}
	}

	@Test
	void cancelledTurnIsDrainedAndTheNextTurnSucceeds() throws InterruptedException {
		server.enqueue(OutputPlan.tokens(2000));
		StepVerifier.create(this.connection.send(request("long")), 3)
			.expectNextCount(3)
			.thenCancel()
			.verify(TIMEOUT);
		StepVerifier.create(this.connection.send(request("next")).last())
			.expectNextMatches((event) -> event instanceof ResponseCompletedEvent completed
					&& completed.response().outputText().equals("You said: next"))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.connection.isOpen()).isTrue();
	}

	@Test
	void refusedUpgradeIsATypedErrorWithTheStatus() {
		StepVerifier.create(WebSocketConnection.connect(HttpClient.create(),
				settings(server.webSocketUrl(), "sk-wrong", Duration.ofSeconds(5)), "bad", ConnectionListener.NONE))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
					(rejected) -> {
						assertThat(rejected.status()).isEqualTo(401);
						assertThat(rejected.isAuthenticationFailure()).isTrue();
						assertThat(rejected.getMessage()).doesNotContain("sk-wrong");
					}))
			.verify(TIMEOUT);
	}

	@Test
	void slowSubscriberHoldsAtMostOneEventAndReadingStops() {
		server.enqueue(OutputPlan.tokens(20_000));
		StepVerifier.create(this.connection.send(request("stream")), 0)
			.thenAwait(Duration.ofMillis(200))
			.thenRequest(1)
			.expectNextCount(1)
			.thenAwait(Duration.ofMillis(200))
			.then(() -> assertThat(this.connection.framesHeldForDemand()).isLessThanOrEqualTo(1))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(20_000 + 7)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(booleans = { true, false })
	void frameOverTheMaximumSizeClosesWith1009AndFailsTheTurnClearly(boolean compression) {
		ConnectionSettings small = new ConnectionSettings(server.webSocketUrl(), Map.of("Authorization", "Bearer sk-test"),
				4096, compression, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20),
				false);
		WebSocketConnection limited = connect(small);
		server.enqueue(OutputPlan.text("word ".repeat(2000).trim()));
		StepVerifier.create(limited.send(request("big")))
			.thenConsumeWhile((event) -> true)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectionClosedException.class,
					(closed) -> {
						assertThat(closed.closeCode()).isEqualTo(1009);
						assertThat(closed.getMessage()).contains("4096");
					}))
			.verify(TIMEOUT);
		assertThat(limited.isOpen()).isFalse();
	}

	static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).build();
	}

	static ConnectionSettings settings(URI url, String key, Duration idleTimeout) {
		return new ConnectionSettings(url, Map.of("Authorization", "Bearer " + key), 16 * 1024 * 1024,
				true, Duration.ofSeconds(5), idleTimeout, Duration.ofSeconds(20), false);
	}

	static WebSocketConnection connect(ConnectionSettings settings) {
		WebSocketConnection connection = WebSocketConnection.connect(HttpClient.create(), settings, "test",
				ConnectionListener.NONE).block(TIMEOUT);
		assertThat(connection).isNotNull();
		return connection;
	}

}
