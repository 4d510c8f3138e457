package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link Conversation}: chaining, replay, warm-up, settings changes, export and
 * import, limits.
 */
class ConversationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	@BeforeEach
	void open() {
		this.session = newSession();
	}

	@AfterEach
	void close() {
		this.session.close();
	}

	static ResponsesSession newSession() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
	}

	static CreateResponse settings() {
		return CreateResponse.builder().model("test-model").instructions("Be brief.").store(false).build();
	}

	private Conversation conversation() {
		return Conversation.builder(this.session).settings(settings()).build();
	}

	@Test
	void laterTurnsSendOnlyTheirNewItemsWithThePreviousResponseId() {
		Conversation conversation = conversation();
		Response first = conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		Response second = conversation.execute(InputMessage.user("two")).block(TIMEOUT);
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests.get(0).requireRequest().input()).containsExactly(InputMessage.user("one").tree());
		assertThat(requests.get(1).requireRequest().input()).containsExactly(InputMessage.user("two").tree());
		assertThat(requests.get(1).requireRequest().previousResponseId()).isEqualTo(first.id());
		assertThat(requests.get(1).requireRequest().instructions()).isEqualTo("Be brief.");
		assertThat(second.usage().cachedInputTokens()).isPositive();
		assertThat(conversation.transcript()).hasSize(4);
		assertThat(conversation.lastResponseId()).isEqualTo(second.id());
	}

	@Test
	void previousResponseNotFoundIsReplayedOnceWithTheWholeTranscript() {
		Conversation conversation = conversation();
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		server.evictCaches();
		Response second = conversation.execute(InputMessage.user("two")).block(TIMEOUT);
		assertThat(second.outputText()).isEqualTo("You said: two");
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(3);
		SimulatedRequest replay = requests.get(2).requireRequest();
		assertThat(replay.previousResponseId()).isNull();
		assertThat(replay.input()).hasSize(3);
		assertThat(replay.input().get(0)).isEqualTo(InputMessage.user("one").tree());
		assertThat(replay.input().get(2)).isEqualTo(InputMessage.user("two").tree());
		assertThat(replay.input().get(1).has("status")).as("output-only fields are not replayed").isFalse();
		assertThat(conversation.replays()).isEqualTo(1);
	}

	@Test
	void lostConnectionIsReplayedWithoutAFailedRoundTrip() {
		Conversation conversation = conversation();
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		server.disconnectAll();
		await("the session saw its connection drop").atMost(TIMEOUT).until(() -> this.session.snapshot().connectionsOpen() == 0);
		conversation.execute(InputMessage.user("two")).block(TIMEOUT);
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).requireRequest().previousResponseId()).isNull();
		assertThat(requests.get(1).requireRequest().input()).hasSize(3);
		assertThat(conversation.replays()).isEqualTo(1);
	}

	@Test
	void warmupPreparesTheSettingsAndTheFirstTurnChainsFromIt() {
		Conversation conversation = conversation();
		String prepared = conversation.warmup(InputMessage.developer("A long document. ".repeat(100))).block(TIMEOUT);
		Response first = conversation.execute(InputMessage.user("summarize")).block(TIMEOUT);
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests.get(0).tree().get("generate").booleanValue()).isFalse();
		assertThat(requests.get(0).requireRequest().instructions()).isEqualTo("Be brief.");
		assertThat(requests.get(1).requireRequest().previousResponseId()).isEqualTo(prepared);
		assertThat(requests.get(1).requireRequest().input()).containsExactly(InputMessage.user("summarize").tree());
		assertThat(first.usage().cachedInputTokens()).isPositive();
		assertThat(requests.get(1).tree().has("generate")).isFalse();
	}

	@Test
	void changedSettingsSendTheFullInput() {
		Conversation conversation = conversation();
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		conversation.settings(settings().toBuilder().instructions("Be verbose.").build());
		conversation.execute(InputMessage.user("two")).block(TIMEOUT);
		SimulatedRequest second = server.recordedRequests().get(1).requireRequest();
		assertThat(second.previousResponseId()).isNull();
		assertThat(second.input()).hasSize(3);
		assertThat(second.instructions()).isEqualTo("Be verbose.");
		assertThat(conversation.replays()).as("a settings change is not a loss").isZero();
	}

	@Test
	void exportedTranscriptContinuesInANewSession() {
		Conversation conversation = conversation();
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		conversation.execute(InputMessage.user("two")).block(TIMEOUT);
		String exported = conversation.exportTranscript();
		assertThat(exported).doesNotContain("Bearer");
		try (ResponsesSession other = newSession()) {
			Conversation restored = Conversation.builder(other).settings(settings()).restore(exported).build();
			assertThat(restored.transcript()).isEqualTo(conversation.transcript());
			Response third = restored.execute(InputMessage.user("three")).block(TIMEOUT);
			assertThat(third.outputText()).isEqualTo("You said: three");
			SimulatedRequest replay = server.recordedRequests().get(2).requireRequest();
			assertThat(replay.previousResponseId()).isNull();
			assertThat(replay.input()).hasSize(5);
			assertThat(restored.transcript()).hasSize(6);
		}
	}

	@Test
	void malformedExportIsRefusedClearly() {
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> Conversation.builder(this.session).restore("{not json").build());
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> Conversation.builder(this.session).restore("{\"version\":99,\"items\":[]}").build())
			.withMessageContaining("version");
	}

	@Test
	void transcriptLimitIsAClearError() {
		Conversation conversation = Conversation.builder(this.session).settings(settings()).transcriptLimit(2, 1_000_000).build();
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		StepVerifier.create(conversation.send(InputMessage.user("two")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TranscriptLimitExceededException.class)
				.hasMessageContaining("over the limit of 2 items"))
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).hasSize(1);
	}

	@Test
	void oneTurnAtATime() {
		// the first turn is held on the simulator until the test lets it end
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("slow").holdUntil(release));
		Conversation conversation = conversation();
		try {
			Mono<List<ResponseEvent>> first = conversation.send(InputMessage.user("one")).collectList().cache();
			first.subscribe();
			await("the first turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
			StepVerifier.create(conversation.send(InputMessage.user("two")))
				.expectError(IllegalStateException.class)
				.verify(TIMEOUT);
			release.complete(null);
			List<ResponseEvent> events = first.block(TIMEOUT);
			Response one = ((ResponseCompletedEvent) events.get(events.size() - 1)).response();
			assertThat(one.outputText()).isEqualTo("slow");
			StepVerifier.create(conversation.execute(InputMessage.user("three")))
				.expectNextMatches((response) -> response.outputText().equals("You said: three"))
				.expectComplete()
				.verify(TIMEOUT);
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests).as("the refused turn was never sent").hasSize(2);
			assertThat(requests.get(1).requireRequest().input()).containsExactly(InputMessage.user("three").tree());
			assertThat(requests.get(1).requireRequest().previousResponseId()).as("the next turn follows the first")
				.isEqualTo(one.id());
		}
		finally {
			release.complete(null);
		}
	}


}
