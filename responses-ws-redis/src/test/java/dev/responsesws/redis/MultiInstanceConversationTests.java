package dev.responsesws.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.conversation.StoredConversation;
import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.error.ConversationStoreException;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ChainCounts;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.responsesws.redis.Instances.conversations;
import static dev.responsesws.redis.Instances.session;
import static dev.responsesws.redis.Instances.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application, each a Spring application with its own session, share
 * conversations through a real Redis and talk to the simulator over real sockets.
 */
class MultiInstanceConversationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext instance(String name, boolean store) {
		ConfigurableApplicationContext instance = Instances.start(name, server, redis.port(), store);
		this.instances.add(instance);
		return instance;
	}

	@Test
	void tenTurnsAlternatingBetweenInstancesAreStoredItemByItemAndReplayedOnceEachWithoutStorage() {
		ConfigurableApplicationContext one = instance("one", false);
		ConfigurableApplicationContext two = instance("two", false);
		String id = newId();
		List<JsonNode> expected = new ArrayList<>();
		for (int turn = 0; turn < 10; turn++) {
			ConfigurableApplicationContext instance = (turn % 2 == 0) ? one : two;
			InputMessage message = InputMessage.user("message " + turn);
			Response response = conversations(instance).open(id).execute(message).block(TIMEOUT);
			assertThat(response.outputText()).isEqualTo("You said: message " + turn);
			expected.add(message.tree());
			response.output().stream().map(OutputItem::raw).map((raw) -> raw.tree()).forEach(expected::add);
		}
		StoredConversation stored = store(one).load(id).block(TIMEOUT);
		assertThat(stored.state().version()).isEqualTo(10);
		assertThat(stored.state().stored()).isFalse();
		assertThat(stored.state().instanceId()).isEqualTo(session(two).instanceId());
		assertThat(items(stored)).isEqualTo(expected);
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(10);
		for (int turn = 1; turn < 10; turn++) {
			SimulatedRequest request = requests.get(turn).requireRequest();
			assertThat(request.previousResponseId()).as("turn %d continues a response held by the other instance", turn)
				.isNull();
			assertThat(request.input()).as("turn %d replays the transcript", turn).hasSize(2 * turn + 1);
		}
		assertThat(session(one).snapshot().chains().misses().get(ChainMissReason.OTHER_INSTANCE)).isEqualTo(4);
		assertThat(session(two).snapshot().chains().misses().get(ChainMissReason.OTHER_INSTANCE)).isEqualTo(5);
	}

	@Test
	void alternatingWithStorageChainsEveryTurnThroughTheStoredResponse() {
		ConfigurableApplicationContext one = instance("one", true);
		ConfigurableApplicationContext two = instance("two", true);
		String id = newId();
		String previous = null;
		for (int turn = 0; turn < 6; turn++) {
			ConfigurableApplicationContext instance = (turn % 2 == 0) ? one : two;
			Response response = conversations(instance).open(id).execute(InputMessage.user("message " + turn)).block(TIMEOUT);
			SimulatedRequest request = server.recordedRequests().get(turn).requireRequest();
			assertThat(request.previousResponseId()).isEqualTo(previous);
			assertThat(request.input()).hasSize(1);
			previous = response.id();
		}
		ChainCounts chains = session(one).snapshot().chains();
		ChainCounts otherChains = session(two).snapshot().chains();
		assertThat(chains.hits() + otherChains.hits()).isEqualTo(5);
		assertThat(chains.storedHits() + otherChains.storedHits()).isEqualTo(5);
		assertThat(chains.missed() + otherChains.missed()).isZero();
		assertThat(store(one).load(id).block(TIMEOUT).state().version()).isEqualTo(6);
	}

	@Test
	void theInstanceHoldingTheLastResponseChainsFromItsConnection() {
		ConfigurableApplicationContext one = instance("one", false);
		instance("two", false);
		String id = newId();
		Response first = conversations(one).open(id).execute(InputMessage.user("one")).block(TIMEOUT);
		conversations(one).open(id).execute(InputMessage.user("two")).block(TIMEOUT);
		SimulatedRequest second = server.recordedRequests().get(1).requireRequest();
		assertThat(second.previousResponseId()).isEqualTo(first.id());
		assertThat(second.input()).containsExactly(InputMessage.user("two").tree());
		ChainCounts chains = session(one).snapshot().chains();
		assertThat(chains.hits()).isEqualTo(1);
		assertThat(chains.storedHits()).isZero();
	}

	@Test
	void concurrentTurnsOfOneConversationGiveOneSuccessAndOneConflict() {
		ConfigurableApplicationContext one = instance("one", false);
		ConfigurableApplicationContext two = instance("two", false);
		String id = newId();
		conversations(one).open(id).execute(InputMessage.user("start")).block(TIMEOUT);
		List<JsonNode> before = items(store(one).load(id).block(TIMEOUT));
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("held one").holdUntil(release));
		server.enqueue(OutputPlan.text("held two").holdUntil(release));
		CompletableFuture<Response> fromOne = conversations(one).open(id).execute(InputMessage.user("from one")).toFuture();
		CompletableFuture<Response> fromTwo = conversations(two).open(id).execute(InputMessage.user("from two")).toFuture();
		await("both turns were sent").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 3);
		release.complete(null);
		await("both turns ended").atMost(TIMEOUT).until(() -> fromOne.isDone() && fromTwo.isDone());
		List<CompletableFuture<Response>> outcomes = List.of(fromOne, fromTwo);
		assertThat(outcomes.stream().filter((outcome) -> !outcome.isCompletedExceptionally())).hasSize(1);
		CompletableFuture<Response> lost = outcomes.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().get();
		assertThat(lost.handle((response, error) -> error).join()).isInstanceOf(ConversationConflictException.class);
		Response won = outcomes.stream().filter((outcome) -> !outcome.isCompletedExceptionally()).findFirst().get().join();
		StoredConversation stored = store(two).load(id).block(TIMEOUT);
		assertThat(stored.state().version()).isEqualTo(2);
		assertThat(stored.state().lastResponseId()).isEqualTo(won.id());
		List<JsonNode> items = items(stored);
		assertThat(items).hasSize(before.size() + 2);
		assertThat(items.subList(0, before.size())).isEqualTo(before);
		String winner = fromOne.isCompletedExceptionally() ? "from two" : "from one";
		assertThat(items.get(before.size())).isEqualTo(InputMessage.user(winner).tree());
		assertThat(items.get(before.size() + 1)).isEqualTo(won.output().get(0).raw().tree());
	}

	@Test
	void anInstanceStoppedMidTurnLeavesTheStoredConversationAsItWas() {
		ConfigurableApplicationContext one = instance("one", false);
		ConfigurableApplicationContext two = instance("two", false);
		String id = newId();
		conversations(one).open(id).execute(InputMessage.user("start")).block(TIMEOUT);
		StoredConversation before = store(two).load(id).block(TIMEOUT);
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("never stored").holdUntil(release));
		Disposable running = conversations(one).open(id).send(InputMessage.user("cut short")).subscribe((event) -> {
		}, (error) -> {
		});
		await("the turn was sent").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 2);
		running.dispose();
		one.close();
		release.complete(null);
		assertThat(store(two).load(id).block(TIMEOUT)).isEqualTo(before);
		Response next = conversations(two).open(id).execute(InputMessage.user("go on")).block(TIMEOUT);
		assertThat(next.outputText()).isEqualTo("You said: go on");
		StoredConversation after = store(two).load(id).block(TIMEOUT);
		assertThat(after.state().version()).isEqualTo(before.state().version() + 1);
		List<JsonNode> items = items(after);
		assertThat(items.subList(0, 2)).isEqualTo(items(before));
		assertThat(items.get(2)).isEqualTo(InputMessage.user("go on").tree());
		assertThat(items).hasSize(4);
	}

	@Test
	void turnsFailBeforeTheyAreSentWhileRedisIsDownAndNothingIsLostOnceItIsBack() throws Exception {
		ConfigurableApplicationContext one = instance("one", false);
		ConfigurableApplicationContext two = instance("two", false);
		String id = newId();
		conversations(one).open(id).execute(InputMessage.user("before")).block(TIMEOUT);
		StoredConversation before = store(one).load(id).block(TIMEOUT);
		redis.stop();
		try {
			for (ConfigurableApplicationContext instance : List.of(one, two)) {
				StepVerifier.create(conversations(instance).open(id).execute(InputMessage.user("while down")))
					.expectError(ConversationStoreException.class)
					.verify(TIMEOUT);
			}
			assertThat(server.recordedRequests()).as("nothing was sent to the model").hasSize(1);
		}
		finally {
			redis.start();
		}
		await("the instance reconnected to Redis").atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> store(two).state(id).block(TIMEOUT) != null);
		assertThat(store(two).load(id).block(TIMEOUT)).as("the conversation as it was before Redis stopped").isEqualTo(before);
		Response after = conversations(two).open(id).execute(InputMessage.user("after")).block(TIMEOUT);
		assertThat(after.outputText()).isEqualTo("You said: after");
		StoredConversation stored = store(one).load(id).block(TIMEOUT);
		assertThat(stored.state().version()).isEqualTo(2);
		List<JsonNode> items = items(stored);
		assertThat(items.subList(0, 2)).isEqualTo(items(before));
		assertThat(items.subList(2, 4)).containsExactly(InputMessage.user("after").tree(),
				after.output().get(0).raw().tree());
	}

	private static String newId() {
		return "chat-" + UUID.randomUUID();
	}

	private static List<JsonNode> items(StoredConversation stored) {
		List<JsonNode> items = new ArrayList<>();
		JsonMapper.builder().build().readTree(stored.transcript()).get("items").forEach(items::add);
		return items;
	}

}
