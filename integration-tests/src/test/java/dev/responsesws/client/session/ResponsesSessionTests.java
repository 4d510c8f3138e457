package dev.responsesws.client.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.error.SessionSaturatedException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Transport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link ResponsesSession} against the simulator over real sockets.
 */
class ResponsesSessionTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	@BeforeEach
	void reset() {
		server.disconnectAll();
	}

	static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-test");
	}

	static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void fiftyConcurrentTurnsThroughFourConnectionsCompleteWithTheirEventsInOrder() {
		try (ResponsesSession session = session().connections(0, 4).build()) {
			server.tokenRate(2000);
			List<List<ResponseEvent>> turns = Flux.range(0, 50)
				.flatMap((i) -> session.create(request("turn " + i)).collectList())
				.collectList()
				.block(TIMEOUT);
			assertThat(turns).hasSize(50).allSatisfy((events) -> {
				assertOrdered(events);
				assertThat(completed(events).outputText()).startsWith("You said: turn ");
			});
			assertThat(server.recordedRequests().stream().map(RecordedFrame::connectionId).distinct())
				.hasSizeLessThanOrEqualTo(4);
			assertThat(session.snapshot().turnsCompleted()).isEqualTo(50);
			assertThat(session.snapshot().inFlight()).isZero();
		}
	}

	@Test
	void chainedTurnsRunOnTheConnectionThatHoldsTheirPreviousResponse() {
		try (ResponsesSession session = session().connections(0, 4).build()) {
			server.tokenRate(2000);
			List<List<Response>> chains = Flux.range(0, 4)
				.flatMap((chain) -> runChain(session, chain, 0, null, new ArrayList<>()))
				.collectList()
				.block(TIMEOUT);
			assertThat(chains).hasSize(4);
			for (List<Response> chain : chains) {
				assertThat(chain).hasSize(10);
				for (int i = 1; i < chain.size(); i++) {
					Response previous = chain.get(i - 1);
					Response current = chain.get(i);
					assertThat(current.usage().cachedInputTokens()).as("served from the connection's memory").isPositive();
					String previousConnection = connectionOfRequestWithInput(previous.outputText().replace("You said: ", ""));
					String currentConnection = connectionOfRequestWithInput(current.outputText().replace("You said: ", ""));
					assertThat(currentConnection).isEqualTo(previousConnection);
				}
			}
			assertThat(session.snapshot().turnsFailed()).isZero();
		}
	}

	/** Ten turns, each continuing the previous one. */
	private static Mono<List<Response>> runChain(ResponsesSession session, int chain, int turn,
			@Nullable String previousId, List<Response> responses) {
		if (turn == 10) {
			return Mono.just(responses);
		}
		CreateResponse request = request("chain " + chain + " turn " + turn).toBuilder()
			.previousResponseId(previousId)
			.build();
		return session.execute(request).flatMap((response) -> {
			responses.add(response);
			return runChain(session, chain, turn + 1, response.id(), responses);
		});
	}

	private static String connectionOfRequestWithInput(String text) {
		return server.recordedRequests()
			.stream()
			.filter((frame) -> frame.requireRequest().input().equals(List.of(InputMessage.user(text).tree())))
			.map(RecordedFrame::connectionId)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void saturatedPoolWithAFullQueueFailsClearly() {
		CompletableFuture<Void> release = new CompletableFuture<>();
		// without lanes a connection runs one turn at a time, so the second turn has to queue
		try (ResponsesSession session = session().connections(0, 1).lanes(LaneMode.OFF, 16).queue(1, TIMEOUT).build()) {
			server.enqueue(OutputPlan.text("slow").holdUntil(release));
			server.enqueue(OutputPlan.text("queued"));
			Mono<Response> running = session.execute(request("one")).cache();
			running.subscribe();
			await("the first turn holds the only connection").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
			Mono<Response> queued = session.execute(request("two")).cache();
			queued.subscribe();
			await("the second turn waits in the queue").atMost(TIMEOUT).until(() -> session.snapshot().queued() == 1);
			StepVerifier.create(session.execute(request("three")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(SessionSaturatedException.class)
					.hasMessageContaining("1 connections are busy"))
				.verify(TIMEOUT);
			release.complete(null);
			assertThat(running.block(TIMEOUT).outputText()).isEqualTo("slow");
			assertThat(queued.block(TIMEOUT).outputText()).isEqualTo("queued");
			assertThat(server.recordedRequests()).as("the refused turn was never sent").hasSize(2);
		}
		finally {
			release.complete(null);
		}
	}

	@Test
	void queuedTurnTimesOutWhenNoConnectionFreesUp() {
		// virtual time drives the pool's timers (the acquire timeout, and the connect timeout),
		// so a slow connect cannot time out and the queued turn times out only when the test
		// moves the clock
		VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
		CompletableFuture<Void> release = new CompletableFuture<>();
		ResponsesSession session = session().connections(0, 1)
			// without lanes the second turn waits for the only connection
			.lanes(LaneMode.OFF, 16)
			.queue(4, Duration.ofMillis(300))
			.build();
		try {
			server.enqueue(OutputPlan.text("slow").holdUntil(release));
			Mono<Response> running = session.execute(request("one")).cache();
			running.subscribe();
			await("the first turn holds the only connection").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
			StepVerifier.create(session.execute(request("two")))
				.then(() -> assertThat(session.snapshot().queued()).isEqualTo(1))
				.then(() -> clock.advanceTimeBy(Duration.ofMillis(299)))
				.then(() -> assertThat(session.snapshot().queued()).as("still waiting before the timeout").isEqualTo(1))
				.then(() -> clock.advanceTimeBy(Duration.ofMillis(1)))
				.expectError(ResponsesTimeoutException.class)
				.verify(TIMEOUT);
			assertThat(session.snapshot().queued()).isZero();
			VirtualTimeScheduler.reset();
			release.complete(null);
			assertThat(running.block(TIMEOUT).outputText()).isEqualTo("slow");
			assertThat(server.recordedRequests()).as("the timed-out turn was never sent").hasSize(1);
		}
		finally {
			VirtualTimeScheduler.reset();
			release.complete(null);
			session.close();
		}
	}

	@Test
	void connectionPastItsAgeRetiresAtTheNextTurnBoundary() {
		// with an age limit of a nanosecond every connection is past it as soon as it opens, so
		// nothing depends on how long a turn or a pause takes
		try (ResponsesSession session = session().maxConnectionAge(Duration.ofNanos(1)).build()) {
			assertThat(session.execute(request("one")).block(TIMEOUT).outputText())
				.as("the running turn is not cut short").isEqualTo("You said: one");
			assertThat(session.execute(request("two")).block(TIMEOUT).outputText()).isEqualTo("You said: two");
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests).hasSize(2);
			assertThat(requests.get(0).connectionId()).isNotEqualTo(requests.get(1).connectionId());
			assertThat(session.snapshot().rotations()).isPositive();
			assertThat(session.snapshot().turnsFailed()).isZero();
		}
	}

	@Test
	void turnRefusedForTheConnectionAgeLimitRunsAgainOnANewConnection() {
		try (ResponsesSession session = session().build()) {
			session.execute(request("one")).block(TIMEOUT);
			// the simulator now treats the open connection as past its age limit, new ones as young
			server.expireConnections();
			Response second = session.execute(request("two")).block(TIMEOUT);
			assertThat(second.outputText()).isEqualTo("You said: two");
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests).hasSize(3);
			assertThat(requests.get(1).connectionId()).isEqualTo(requests.get(0).connectionId());
			assertThat(requests.get(2).connectionId()).isNotEqualTo(requests.get(1).connectionId());
			assertThat(session.snapshot().turnsFailed()).isZero();
			assertThat(session.snapshot().rotations()).isEqualTo(1);
		}
	}

	@Test
	void serverWithoutWebSocketModeMakesTheSessionFallBackToHttp() {
		server.rejectUpgrades(426);
		try (ResponsesSession session = session().build()) {
			assertThat(session.execute(request("hello")).block(TIMEOUT).outputText()).isEqualTo("You said: hello");
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			assertThat(session.execute(request("again")).block(TIMEOUT).outputText()).isEqualTo("You said: again");
			assertThat(server.upgradeAttempts()).isEqualTo(1);
			assertThat(server.recordedRequests()).extracting(RecordedFrame::transport)
				.containsExactly(Transport.HTTP, Transport.HTTP);
		}
	}

	@Test
	void refusedKeyIsATypedErrorWithoutARetryStorm() {
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.apiKey("sk-wrong")
			.reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30))
			.build()) {
			StepVerifier.create(session.execute(request("hi")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
						(rejected) -> assertThat(rejected.status()).isEqualTo(401)))
				.verify(TIMEOUT);
			for (int i = 0; i < 4; i++) {
				StepVerifier.create(session.execute(request("hi")))
					.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectBackoffException.class)
						.cause()
						.isInstanceOfSatisfying(HandshakeRejectedException.class,
								(rejected) -> assertThat(rejected.status()).isEqualTo(401)))
					.verify(TIMEOUT);
			}
			assertThat(server.upgradeAttempts()).isEqualTo(1);
			assertThat(session.snapshot().turnsFailed()).isEqualTo(5);
			assertThat(session.snapshot().connectFailures()).isEqualTo(1);
			assertThat(session.snapshot().lastError()).contains("401").doesNotContain("sk-wrong");
		}
	}

	@Test
	void serverCloseMidStreamFailsTheTurnAndTheNextTurnUsesANewConnection() {
		try (ResponsesSession session = session().build()) {
			server.enqueue(OutputPlan.text("a b c d").closeAfter(4, 1011, "boom"));
			AtomicReference<SessionSnapshot> atError = new AtomicReference<>();
			StepVerifier.create(session.create(request("one")).doOnError((error) -> atError.set(session.snapshot())))
				.expectNextCount(4)
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConnectionClosedException.class,
						(closed) -> assertThat(closed.closeCode()).isEqualTo(1011)))
				.verify(TIMEOUT);
			// the pool forgot the connection before the error reached the caller, who may retry at once
			assertThat(atError.get().connectionsOpen()).isZero();
			assertThat(session.execute(request("two")).block(TIMEOUT).outputText()).isEqualTo("You said: two");
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests.get(1).connectionId()).isNotEqualTo(requests.get(0).connectionId());
			assertThat(session.snapshot().reconnects()).isEqualTo(1);
		}
	}

	@Test
	void turnWithoutEventsForTheIdleTimeoutFails() {
		try (ResponsesSession session = session().idleTimeout(Duration.ofMillis(300)).build()) {
			server.enqueue(OutputPlan.text("late").delay(Duration.ofSeconds(3)));
			StepVerifier.create(session.create(request("hi")))
				.expectNextCount(2)
				.expectError(ResponsesTimeoutException.class)
				.verify(TIMEOUT);
			assertThat(session.execute(request("next")).block(TIMEOUT).outputText()).isEqualTo("You said: next");
		}
	}

	@Test
	void cancelledTurnIsDrainedAndTheNextTurnRunsOnTheSameConnection() {
		try (ResponsesSession session = session().connections(0, 1).build()) {
			server.enqueue(OutputPlan.tokens(5000));
			StepVerifier.create(session.create(request("long")), 5).expectNextCount(5).thenCancel().verify(TIMEOUT);
			Response next = session.execute(request("next")).block(TIMEOUT);
			assertThat(next.outputText()).isEqualTo("You said: next");
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests.get(1).connectionId()).isEqualTo(requests.get(0).connectionId());
		}
	}

	@Test
	void failedResponseIsAnErrorForExecuteAndAnEventForCreate() {
		try (ResponsesSession session = session().build()) {
			server.enqueue(OutputPlan.text("partial").failed("server_error", "boom"));
			StepVerifier.create(session.execute(request("hi")))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ResponseFailedException.class)
					.hasMessageContaining("boom"))
				.verify(TIMEOUT);
			server.enqueue(OutputPlan.text("partial").failed("server_error", "boom"));
			StepVerifier.create(session.create(request("hi")).last())
				.expectNextMatches((event) -> event.type().equals("response.failed"))
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void warmupReturnsAnIdTheNextTurnChainsFrom() {
		try (ResponsesSession session = session().build()) {
			String id = session.warmup(CreateResponse.builder()
				.model("test-model")
				.instructions("Be brief.")
				.input(InputMessage.developer("context ".repeat(200)))
				.store(false)
				.build()).block(TIMEOUT);
			Response answer = session.execute(request("go").toBuilder().previousResponseId(id).build()).block(TIMEOUT);
			assertThat(answer.usage().cachedInputTokens()).isPositive();
			assertThat(server.recordedRequests().get(0).tree().get("generate").booleanValue()).isFalse();
		}
	}

	@Test
	void gracefulCloseLetsRunningTurnsFinishAndRefusesNewOnes() {
		// every turn is held after response.in_progress until the session is closing, so the
		// turns are still running when close starts however slowly they got going
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.responder((turn) -> OutputPlan.text("You said: " + turn.lastUserText()).holdUntil(release));
		ResponsesSession session = session().connections(0, 3).build();
		try {
			List<Mono<Response>> running = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				running.add(session.execute(request("one two three four five six seven eight nine ten " + i)).cache());
			}
			running.forEach((turn) -> turn.subscribe());
			await("the three turns are running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 3);
			Mono<Void> closing = session.close(TIMEOUT).cache();
			closing.subscribe();
			StepVerifier.create(session.execute(request("late")))
				.expectError(SessionClosedException.class)
				.verify(TIMEOUT);
			assertThat(session.snapshot().closed()).isTrue();
			assertThat(session.snapshot().inFlight()).isEqualTo(3);
			release.complete(null);
			for (int i = 0; i < 3; i++) {
				assertThat(running.get(i).block(TIMEOUT).outputText())
					.isEqualTo("You said: one two three four five six seven eight nine ten " + i);
			}
			closing.block(TIMEOUT);
			assertThat(session.snapshot().closed()).isTrue();
			assertThat(session.snapshot().connectionsOpen()).isZero();
			assertThat(server.recordedRequests()).as("the refused turn was never sent").hasSize(3);
			await("the simulator saw every connection close").atMost(TIMEOUT).until(() -> server.openConnections() == 0);
		}
		finally {
			release.complete(null);
			session.close();
		}
	}

	@Test
	void blockingViewReturnsTheResponseAndIteratesEvents() {
		try (ResponsesSession session = session().build()) {
			assertThat(session.blocking().execute(request("hi")).outputText()).isEqualTo("You said: hi");
			try (var events = session.blocking().stream(request("there"))) {
				List<ResponseEvent> all = events.toList();
				assertOrdered(all);
				assertThat(completed(all).outputText()).isEqualTo("You said: there");
			}
		}
	}


	static void assertOrdered(List<ResponseEvent> events) {
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).sequenceNumber()).isEqualTo(i);
		}
	}

	static Response completed(List<ResponseEvent> events) {
		ResponseEvent last = events.get(events.size() - 1);
		assertThat(last).isInstanceOf(ResponseCompletedEvent.class);
		return ((ResponseCompletedEvent) last).response();
	}

	@Test
	void lanesRunSeveralTurnsConcurrentlyOnOneConnection() {
		try (ResponsesSession session = session().connections(0, 1).lanes(true, 16).build()) {
			server.tokenRate(200);
			List<Response> responses = Flux.range(0, 10)
				.flatMap((i) -> session.execute(request("alpha beta gamma delta epsilon " + i)))
				.collectList()
				.block(TIMEOUT);
			assertThat(responses).hasSize(10);
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests).extracting(RecordedFrame::connectionId).containsOnly(requests.get(0).connectionId());
			assertThat(requests).extracting((frame) -> frame.requireRequest().streamId()).doesNotContainNull()
				.doesNotHaveDuplicates();
			Response first = responses.get(0);
			Response chained = session.execute(request("next").toBuilder().previousResponseId(first.id()).build())
				.block(TIMEOUT);
			assertThat(chained.usage().cachedInputTokens()).as("chained on the lane that holds it").isPositive();
		}
	}

	@Test
	void httpTurnsReadTheBodyToItsEndAndReuseOneKeptAliveConnection() {
		Set<Object> connections = ConcurrentHashMap.newKeySet();
		try (ResponsesSession session = session().transport(TransportMode.HTTP)
			.httpClient((client) -> client.doOnConnected((connection) -> connections.add(connection.channel().id())))
			.build()) {
			for (int turn = 0; turn < 3; turn++) {
				StepVerifier.create(session.execute(request("turn " + turn)))
					.assertNext((response) -> assertThat(response.status()).isEqualTo("completed"))
					.expectComplete()
					.verify(TIMEOUT);
			}
		}
		assertThat(connections).as("connections used by three sequential turns").hasSize(1);
	}

	@Test
	void configuredHttpTransportRunsTurnsOverServerSentEvents() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			List<ResponseEvent> events = session.create(request("over http")).collectList().block(TIMEOUT);
			assertOrdered(events);
			assertThat(completed(events).outputText()).isEqualTo("You said: over http");
			assertThat(server.upgradeAttempts()).isZero();
			assertThat(server.recordedRequests()).extracting(RecordedFrame::transport).containsExactly(Transport.HTTP);
			assertThat(session.snapshot().transport()).isEqualTo(TransportMode.HTTP);
			StepVerifier.create(session.warmup(request("prepare")))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void largeFinalResponseFitsTheDefaultFrameLimit() {
		// 5,000,000 characters, far over Netty's 64 KiB default, in 5,000 deltas rather than a
		// million: the size of the final frames is the point, not the number of deltas
		String big = ("w".repeat(999) + " ").repeat(5_000);
		try (ResponsesSession session = session().build()) {
			server.enqueue(OutputPlan.text(big.trim()));
			Response response = session.execute(request("big")).block(TIMEOUT);
			assertThat(response.outputText()).hasSize(big.trim().length());
		}
	}

	@Test
	void snapshotReportsTheStateOfThePool() {
		try (ResponsesSession session = session().connections(2, 4).build()) {
			session.connect().block(TIMEOUT);
			SessionSnapshot idle = session.snapshot();
			assertThat(idle.connectionsOpen()).isEqualTo(2);
			assertThat(idle.connectionsIdle()).isEqualTo(2);
			assertThat(idle.transport()).isEqualTo(TransportMode.WEBSOCKET);
			CompletableFuture<Void> release = new CompletableFuture<>();
			server.enqueue(OutputPlan.text("slow").holdUntil(release));
			Mono<Response> running = session.execute(request("one")).cache();
			running.subscribe();
			try {
				await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
				SessionSnapshot busy = session.snapshot();
				assertThat(busy.inFlight()).isEqualTo(1);
				assertThat(busy.connectionsBusy()).isEqualTo(1);
				assertThat(busy.connectionsIdle()).isEqualTo(1);
			}
			finally {
				release.complete(null);
			}
			running.block(TIMEOUT);
			SessionSnapshot after = session.snapshot();
			assertThat(after.inFlight()).isZero();
			assertThat(after.turnsCompleted()).isEqualTo(1);
			assertThat(after.lastSuccessAt()).isNotNull();
			assertThat(after.connectionsOpened()).isEqualTo(2);
		}
	}

	@Test
	void builderRefusesUnsafeOrMalformedSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().baseUrl("http://example.com/v1").build())
			.withMessageContaining("clear text");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().baseUrl("not a url").build())
			.withMessageContaining("malformed");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().baseUrl("ftp://example.com").build())
			.withMessageContaining("http(s) or ws(s)");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().header("X-Custom", "a\r\nb"))
			.withMessageContaining("CR or LF");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().apiKey("sk\nx").build())
			.withMessageContaining("CR or LF")
			.withMessageNotContaining("sk");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponsesSession.builder().connections(3, 2));
		assertThat(ResponsesSession.builder().baseUrl("http://example.com/v1").allowCleartext(true).build())
			.isNotNull();
	}

}
