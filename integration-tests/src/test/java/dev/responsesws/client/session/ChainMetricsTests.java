package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.Tool;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the chain metrics: every turn that continues a chain is a hit, every one that could
 * not is a miss with its reason, in the snapshot and at the observer alike.
 */
class ChainMetricsTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final CountingObserver observer = new CountingObserver();

	private ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).observer(this.observer);
	}

	private static Conversation conversation(ResponsesSession session) {
		return Conversation.builder(session).settings(LaneModeTests.settings()).build();
	}

	@Test
	void chainedTurnsAreHits() {
		try (ResponsesSession session = session().build()) {
			Conversation conversation = conversation(session);
			for (int turn = 1; turn <= 4; turn++) {
				conversation.execute(InputMessage.user("t" + turn)).block(TIMEOUT);
			}
			assertCounts(session, 3, Map.of());
		}
	}

	@Test
	void aTurnAfterAnotherChainTookItsConnectionIsAnEvictedMiss() {
		try (ResponsesSession session = session().connections(0, 1)
			.lanes(LaneMode.OFF, 1)
			.chainContinuation(Duration.ZERO)
			.build()) {
			Conversation first = conversation(session);
			first.execute(InputMessage.user("a t1")).block(TIMEOUT);
			conversation(session).execute(InputMessage.user("b t1")).block(TIMEOUT);
			first.execute(InputMessage.user("a t2")).block(TIMEOUT);
			assertCounts(session, 0, Map.of(ChainMissReason.EVICTED, 1L));
			assertThat(first.replays()).isEqualTo(1);
		}
	}

	@Test
	void aTurnAfterItsConnectionWasLostIsAConnectionLostMiss() {
		try (ResponsesSession session = session().build()) {
			Conversation conversation = conversation(session);
			conversation.execute(InputMessage.user("t1")).block(TIMEOUT);
			server.disconnectAll();
			Awaitility.await().atMost(TIMEOUT).until(() -> session.snapshot().connectionsOpen() == 0);
			conversation.execute(InputMessage.user("t2")).block(TIMEOUT);
			assertCounts(session, 0, Map.of(ChainMissReason.CONNECTION_LOST, 1L));
		}
	}

	@Test
	void aTurnAfterItsConnectionRetiredIsARotatedMiss() {
		try (ResponsesSession session = session().maxConnectionAge(Duration.ofMillis(300)).build()) {
			Conversation conversation = conversation(session);
			conversation.execute(InputMessage.user("t1")).block(TIMEOUT);
			Awaitility.await().atMost(TIMEOUT).until(() -> session.snapshot().rotations() == 1
					&& session.snapshot().connectionsOpen() == 0);
			conversation.execute(InputMessage.user("t2")).block(TIMEOUT);
			assertCounts(session, 0, Map.of(ChainMissReason.ROTATED, 1L));
		}
	}

	@Test
	void aTurnTheServerNoLongerFindsIsANotFoundMissAndRunsAgainWithTheTranscript() {
		try (ResponsesSession session = session().build()) {
			Conversation conversation = conversation(session);
			conversation.execute(InputMessage.user("t1")).block(TIMEOUT);
			server.evictCaches();
			conversation.execute(InputMessage.user("t2")).block(TIMEOUT);
			conversation.execute(InputMessage.user("t3")).block(TIMEOUT);
			assertCounts(session, 1, Map.of(ChainMissReason.NOT_FOUND, 1L));
			assertThat(server.recordedRequests()).hasSize(4);
		}
	}

	@Test
	void aTurnWithOtherToolsIsASettingsChangedMiss() {
		try (ResponsesSession session = session().build()) {
			Conversation conversation = conversation(session);
			conversation.execute(InputMessage.user("t1")).block(TIMEOUT);
			Tool tool = FunctionTool.of("lookup", "Looks a word up", "{\"type\":\"object\",\"properties\":{}}");
			conversation.send(List.of(InputMessage.user("t2")), List.of(tool)).blockLast(TIMEOUT);
			assertCounts(session, 0, Map.of(ChainMissReason.SETTINGS_CHANGED, 1L));
			assertThat(conversation.replays()).as("a change of settings is not a lost chain").isZero();
		}
	}

	private void assertCounts(ResponsesSession session, long hits, Map<ChainMissReason, Long> misses) {
		ChainCounts counts = session.snapshot().chains();
		assertThat(counts.hits()).as("hits").isEqualTo(hits);
		for (ChainMissReason reason : ChainMissReason.values()) {
			long expected = misses.getOrDefault(reason, 0L);
			assertThat(counts.misses().get(reason)).as("misses " + reason).isEqualTo(expected);
			assertThat(this.observer.misses.getOrDefault(reason, new AtomicLong()).get())
				.as("misses " + reason + " at the observer")
				.isEqualTo(expected);
		}
		assertThat(this.observer.hits.get()).as("hits at the observer").isEqualTo(hits);
	}

	static final class CountingObserver implements SessionObserver {

		final AtomicLong hits = new AtomicLong();

		final Map<ChainMissReason, AtomicLong> misses = new ConcurrentHashMap<>();

		@Override
		public void chainHit() {
			this.hits.incrementAndGet();
		}

		@Override
		public void chainMissed(ChainMissReason reason) {
			this.misses.computeIfAbsent(reason, (key) -> new AtomicLong()).incrementAndGet();
		}

	}

}
