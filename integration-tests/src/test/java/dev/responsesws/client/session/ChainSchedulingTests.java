package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the scheduling that protects chains when there are more conversations than room for
 * their chains: a chain keeps its connection (or lane) between two of its turns, continuations
 * go first, and no turn waits longer than the maximum delay for a kept chain. What was chained
 * is told from the requests the simulator received.
 */
class ChainSchedulingTests {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl());
	}

	@ParameterizedTest(name = "client lane mode {0}")
	@EnumSource(value = LaneMode.class, names = { "AUTO", "OFF" })
	void sixteenConversationsOnEightConnectionsOfAServerWithoutLanesKeepThreeQuartersOfTheirChains(LaneMode mode) {
		server.lanes(false);
		server.tokenRate(400);
		try (ResponsesSession session = session().connections(0, 8).lanes(mode, 16).build()) {
			LaneModeTests.Chains chains = LaneModeTests.converse(server, session, 16, 5);
			assertThat(chains.followUps()).isEqualTo(16 * 4);
			assertThat(chains.chainedShare()).as("share of follow-ups chained").isGreaterThanOrEqualTo(0.75);
			assertThat(session.snapshot().connectionsOpen()).isLessThanOrEqualTo(8);
			assertThat(session.snapshot().turnsFailed()).isZero();
			ChainCounts counted = session.snapshot().chains();
			assertThat(counted.hits()).as("chain hits the session counted").isEqualTo(chains.chained());
			assertThat(counted.hits() + counted.missed()).as("every follow-up counted once")
				.isEqualTo(chains.followUps());
		}
	}

	@Test
	void twoHundredFiftySixConversationsOnEightConnectionsWithLanesKeepTheirChains() {
		server.tokenRate(2000);
		try (ResponsesSession session = session().connections(0, 8).build()) {
			LaneModeTests.Chains chains = LaneModeTests.converse(server, session, 256, 3);
			assertThat(chains.followUps()).isEqualTo(256 * 2);
			assertThat(chains.chainedShare()).as("share of follow-ups chained").isGreaterThanOrEqualTo(0.99);
			assertThat(chains.connections()).isLessThanOrEqualTo(8);
		}
	}

	@Test
	void aChainKeepsItsConnectionFromAFreshTurnBetweenTwoOfItsTurns() {
		try (ResponsesSession session = session().connections(0, 1)
			.lanes(LaneMode.OFF, 1)
			.chainContinuation(Duration.ofSeconds(2), Duration.ofSeconds(3))
			.build()) {
			Conversation chain = conversation(session);
			chain.execute(InputMessage.user("a t1")).block(TIMEOUT);
			chain.execute(InputMessage.user("a t2")).block(TIMEOUT);
			// the connection is kept for the chain: the fresh turn waits for the window to pass
			Mono<Response> fresh = conversation(session).execute(InputMessage.user("b t1")).cache();
			fresh.subscribe();
			await(() -> session.snapshot().queued() == 1);
			chain.execute(InputMessage.user("a t3")).block(TIMEOUT);
			StepVerifier.create(fresh).expectNextCount(1).expectComplete().verify(TIMEOUT);
			List<String> order = server.recordedRequests().stream().map(ChainSchedulingTests::text).toList();
			assertThat(order).containsExactly("a t1", "a t2", "a t3", "b t1");
			assertThat(request("a t3").previousResponseId()).as("the third turn chained").isNotNull();
			assertThat(request("a t3").input()).hasSize(1);
		}
	}

	@Test
	void aFreshTurnWaitsAtMostTheMaximumDelayForAChainThatKeepsContinuing() {
		try (ResponsesSession session = session().connections(0, 1)
			.lanes(LaneMode.OFF, 1)
			.chainContinuation(Duration.ofSeconds(30), Duration.ofMillis(300))
			.queue(16, Duration.ofSeconds(40))
			.build()) {
			Conversation chain = conversation(session);
			chain.execute(InputMessage.user("a t1")).block(TIMEOUT);
			AtomicBoolean freshDone = new AtomicBoolean();
			AtomicInteger turn = new AtomicInteger(1);
			// the chain continues at once after each turn, far within its 30-second window
			Mono<Void> continuing = Mono.defer(() -> chain.execute(InputMessage.user("a t" + turn.incrementAndGet())))
				.repeat(() -> !freshDone.get())
				.then();
			Mono<Response> fresh = conversation(session).execute(InputMessage.user("b t1"))
				.doOnNext((response) -> freshDone.set(true));
			StepVerifier.create(Mono.when(continuing, fresh)).expectComplete().verify(TIMEOUT);
			assertThat(freshDone).isTrue();
			assertThat(session.snapshot().turnsFailed()).isZero();
		}
	}

	@Test
	void aContinuationWaitsForItsConnectionRatherThanReplayWhenItRunsItsMostTurns() {
		server.tokenRate(200);
		try (ResponsesSession session = session().connections(0, 1).lanes(LaneMode.ON, 2).build()) {
			// three conversations on one connection that runs two turns at once: each follow-up
			// finds the connection busy now and then, and waits for it
			LaneModeTests.Chains chains = LaneModeTests.converse(server, session, 3, 4);
			assertThat(chains.followUps()).isEqualTo(3 * 3);
			assertThat(chains.replays()).as("turns that sent the whole transcript again").isZero();
			assertThat(chains.chained()).isEqualTo(chains.followUps());
		}
	}

	@Test
	void builderChecksTheContinuationSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponsesSession.builder().chainContinuation(Duration.ofMillis(-1), Duration.ofSeconds(1)))
			.withMessageContaining("window");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponsesSession.builder().chainContinuation(Duration.ofMillis(1), Duration.ZERO))
			.withMessageContaining("maxDelay");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponsesSession.builder()
				.baseUrl(server.httpBaseUrl())
				.queue(4, Duration.ofSeconds(2))
				.chainContinuation(Duration.ofMillis(500), Duration.ofSeconds(2))
				.build())
			.withMessageContaining("less than the acquire timeout");
		// the default maximum delay gives way to a short acquire timeout
		assertThat(ResponsesSession.builder().baseUrl(server.httpBaseUrl()).queue(4, Duration.ofSeconds(2)).config()
			.chainMaxDelay()).isEqualTo(Duration.ofSeconds(1));
	}

	private static Conversation conversation(ResponsesSession session) {
		return Conversation.builder(session).settings(LaneModeTests.settings()).build();
	}

	private static SimulatedRequest request(String text) {
		return server.recordedRequests()
			.stream()
			.map(RecordedFrame::requireRequest)
			.filter((request) -> text.equals(text(request)))
			.findFirst()
			.orElseThrow();
	}

	private static String text(RecordedFrame frame) {
		return text(frame.requireRequest());
	}

	private static String text(SimulatedRequest request) {
		return request.input().get(request.input().size() - 1).path("content").asString("");
	}

	private static void await(BooleanSupplier condition) {
		Awaitility.await().atMost(TIMEOUT).until(condition::getAsBoolean);
	}

}
