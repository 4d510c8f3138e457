package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.NettyLeakDetection;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow, pausing, cancelling and failing consumers of HTTP turns, with every Netty buffer tracked:
 * each chunk of the body is parsed while the transport still owns it, none is left unreleased,
 * and only time spent waiting for the server counts towards the idle timeout.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpSlowConsumerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int TOKENS = 2_000;

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	@BeforeEach
	void openSession() {
		this.session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.transport(TransportMode.HTTP)
			.build();
	}

	@AfterEach
	void closeSession() {
		this.session.close(Duration.ZERO).block(TIMEOUT);
	}

	@RepeatedTest(20)
	void subscriberRequestingOneEventAtATimeGetsEveryEvent() {
		server.enqueue(OutputPlan.tokens(TOKENS));
		Flux<ResponseEvent> events = this.session.create(request()).limitRate(1);
		StepVerifier.create(events.filter(OutputTextDeltaEvent.class::isInstance).count())
			.expectNext((long) TOKENS)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void blockingStreamReadsEveryEventOfALongAnswer() {
		for (int run = 0; run < 3; run++) {
			server.enqueue(OutputPlan.tokens(TOKENS));
			try (Stream<ResponseEvent> events = this.session.blocking().stream(request())) {
				List<ResponseEvent> all = events.toList();
				assertThat(all).filteredOn(OutputTextDeltaEvent.class::isInstance).hasSize(TOKENS);
				assertThat(all.get(all.size() - 1)).isInstanceOf(ResponseCompletedEvent.class);
			}
		}
	}

	@Test
	void consumerThatCancelsMidAnswerLeavesNothingBehind() {
		for (int run = 0; run < 5; run++) {
			server.enqueue(OutputPlan.tokens(TOKENS));
			StepVerifier.create(this.session.create(request()).limitRate(1), 1)
				.expectNextCount(1)
				.thenRequest(100)
				.expectNextCount(100)
				.thenCancel()
				.verify(TIMEOUT);
		}
		server.enqueue(OutputPlan.text("still usable"));
		StepVerifier.create(this.session.execute(request()))
			.assertNext((response) -> assertThat(response.outputText()).isEqualTo("still usable"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void answerCutOffMidStreamFailsTypedAndLeavesNothingBehind() {
		server.enqueue(OutputPlan.tokens(TOKENS).disconnectAfter(500));
		StepVerifier.create(this.session.create(request()).limitRate(1))
			.expectNextCount(500)
			.expectError(ConnectionClosedException.class)
			.verify(TIMEOUT);
	}

	@Test
	void malformedEventMidStreamFailsTypedAndLeavesNothingBehind() {
		server.enqueue(OutputPlan.tokens(TOKENS).malformedFrameAfter(500));
		StepVerifier.create(this.session.create(request()).limitRate(1))
			.expectNextCount(500)
			.expectError(ProtocolDecodingException.class)
			.verify(TIMEOUT);
	}

	@Test
	void subscriberPausingLongerThanTheIdleTimeoutKeepsItsTurn() {
		try (ResponsesSession shortIdle = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.transport(TransportMode.HTTP)
			.idleTimeout(Duration.ofMillis(300))
			.build()) {
			server.enqueue(OutputPlan.tokens(TOKENS));
			StepVerifier.create(shortIdle.create(request()), 10)
				.expectNextCount(10)
				.thenAwait(Duration.ofSeconds(1))
				.thenRequest(Long.MAX_VALUE)
				.thenConsumeWhile((event) -> !(event instanceof ResponseCompletedEvent))
				.expectNextMatches(ResponseCompletedEvent.class::isInstance)
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void serverSilentForTheIdleTimeoutWhileTheSubscriberWaitsFailsTheTurn() {
		try (ResponsesSession shortIdle = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.transport(TransportMode.HTTP)
			.idleTimeout(Duration.ofMillis(300))
			.build()) {
			CompletableFuture<Void> never = new CompletableFuture<>();
			server.enqueue(OutputPlan.tokens(5).holdUntil(never));
			StepVerifier.create(shortIdle.create(request()))
				.thenConsumeWhile((event) -> true)
				.expectError(ResponsesTimeoutException.class)
				.verify(TIMEOUT);
			never.complete(null);
		}
	}

	private static CreateResponse request() {
		return CreateResponse.builder().model("test-model").input(InputMessage.user("stream")).build();
	}

}
