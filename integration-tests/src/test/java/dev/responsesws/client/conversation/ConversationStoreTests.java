package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.error.ConversationStoreException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link Conversation} on a {@link ConversationStore}: two sessions stand for two
 * instances sharing an {@link InMemoryConversationStore}.
 */
class ConversationStoreTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession one;

	private ResponsesSession two;

	private final InMemoryConversationStore store = new InMemoryConversationStore();

	@BeforeEach
	void open() {
		this.one = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).instanceId("one").build();
		this.two = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).instanceId("two").build();
	}

	@AfterEach
	void close() {
		this.one.close();
		this.two.close();
	}

	private Conversation open(ResponsesSession session, String id) {
		return Conversation.builder(session)
			.settings(CreateResponse.builder().model("test-model").store(false).build())
			.store(this.store, id)
			.build();
	}

	@Test
	void aTurnAppendsItsInputAndEveryOutputItemWithTheChainItContinues() {
		Response response = open(this.one, "c").execute(InputMessage.user("hi")).block(TIMEOUT);
		ConversationState state = this.store.state("c").block(TIMEOUT);
		assertThat(state.version()).isEqualTo(1);
		assertThat(state.items()).isEqualTo(2);
		assertThat(state.lastResponseId()).isEqualTo(response.id());
		assertThat(state.stored()).isFalse();
		assertThat(state.instanceId()).isEqualTo("one");
		Conversation restored = Conversation.builder(this.two).restore(this.store.load("c").block(TIMEOUT).transcript()).build();
		assertThat(restored.transcript()).containsExactly(InputMessage.user("hi").tree(), response.output().get(0).raw().tree());
	}

	@Test
	void aConversationHeldByAnotherInstanceReplaysOnceAndCountsIt() {
		open(this.one, "c").execute(InputMessage.user("one")).block(TIMEOUT);
		Conversation elsewhere = open(this.two, "c");
		elsewhere.execute(InputMessage.user("two")).block(TIMEOUT);
		elsewhere.execute(InputMessage.user("three")).block(TIMEOUT);
		assertThat(server.recordedRequests().get(1).requireRequest().input()).hasSize(3);
		assertThat(server.recordedRequests().get(2).requireRequest().previousResponseId()).isNotNull();
		assertThat(this.two.snapshot().chains().misses().get(ChainMissReason.OTHER_INSTANCE)).isEqualTo(1);
		assertThat(this.two.snapshot().chains().hits()).isEqualTo(1);
		assertThat(elsewhere.replays()).isEqualTo(1);
		assertThat(elsewhere.version()).isEqualTo(3);
	}

	@Test
	void aFailedTurnAppendsNothing() {
		open(this.one, "c").execute(InputMessage.user("one")).block(TIMEOUT);
		server.enqueue(OutputPlan.text("partial").failed("server_error", "The model failed"));
		StepVerifier.create(open(this.two, "c").execute(InputMessage.user("two")))
			.expectError(ResponseFailedException.class)
			.verify(TIMEOUT);
		assertThat(this.store.state("c").block(TIMEOUT).version()).isEqualTo(1);
		assertThat(this.store.state("c").block(TIMEOUT).items()).isEqualTo(2);
	}

	@Test
	void aTurnOvertakenInTheStoreIsAConflictAndTheNextTurnReadsTheWinner() {
		Conversation conversation = open(this.one, "c");
		conversation.execute(InputMessage.user("one")).block(TIMEOUT);
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("overtaken").holdUntil(release));
		CompletableFuture<Response> overtaken = conversation.execute(InputMessage.user("two")).toFuture();
		await("the turn was sent").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 2);
		String winner = "{\"type\":\"message\",\"role\":\"user\",\"content\":\"from elsewhere\"}";
		this.store.append("c", 1, new CompletedTurn(List.of(winner), "resp_elsewhere", false, "two")).block(TIMEOUT);
		release.complete(null);
		assertThat(overtaken).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(ConversationConflictException.class);
		assertThat(conversation.version()).isEqualTo(1);
		conversation.execute(InputMessage.user("three")).block(TIMEOUT);
		SimulatedRequest next = server.recordedRequests().get(2).requireRequest();
		assertThat(next.previousResponseId()).as("the winner's response is held elsewhere and not stored").isNull();
		assertThat(next.input()).hasSize(4);
		assertThat(next.input().get(2).path("content").asString()).isEqualTo("from elsewhere");
		assertThat(this.store.state("c").block(TIMEOUT).version()).isEqualTo(3);
	}

	@Test
	void aStoreThatDoesNotAnswerFailsTheTurnBeforeAnythingIsSent() {
		ConversationStore silent = new SilentStore();
		Conversation conversation = Conversation.builder(this.one)
			.settings(CreateResponse.builder().model("test-model").build())
			.store(silent, "c")
			.build();
		StepVerifier.create(conversation.execute(InputMessage.user("hi")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConversationStoreException.class)
				.hasMessageContaining("within PT0.2S"))
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).isEmpty();
	}

	@Test
	void concurrentTurnsGiveOneSuccessAndOneConflict() {
		open(this.one, "c").execute(InputMessage.user("start")).block(TIMEOUT);
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("a").holdUntil(release));
		server.enqueue(OutputPlan.text("b").holdUntil(release));
		var a = open(this.one, "c").execute(InputMessage.user("a")).toFuture();
		var b = open(this.two, "c").execute(InputMessage.user("b")).toFuture();
		await().atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 3);
		release.complete(null);
		await().atMost(TIMEOUT).until(() -> a.isDone() && b.isDone());
		assertThat(List.of(a, b)).filteredOn(CompletableFuture::isCompletedExceptionally).singleElement()
			.satisfies((lost) -> assertThat(lost.handle((response, error) -> error).join())
				.isInstanceOf(ConversationConflictException.class));
		assertThat(this.store.state("c").block(TIMEOUT).items()).isEqualTo(4);
	}

	/** A store that never answers, as a Redis that stopped responding. */
	private static final class SilentStore implements ConversationStore {

		@Override
		public Mono<ConversationState> state(String conversationId) {
			return Mono.never();
		}

		@Override
		public Mono<StoredConversation> load(String conversationId) {
			return Mono.never();
		}

		@Override
		public Mono<ConversationState> append(String conversationId, long expectedVersion, CompletedTurn turn) {
			return Mono.never();
		}

		@Override
		public Mono<Boolean> delete(String conversationId) {
			return Mono.never();
		}

		@Override
		public Duration timeout() {
			return Duration.ofMillis(200);
		}

	}

}
