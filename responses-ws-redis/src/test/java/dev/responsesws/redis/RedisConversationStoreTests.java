package dev.responsesws.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.responsesws.client.conversation.CompletedTurn;
import dev.responsesws.client.conversation.ConversationState;
import dev.responsesws.client.conversation.StoredConversation;
import dev.responsesws.client.conversation.TranscriptFormat;
import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.error.ConversationStoreException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisConversationStore} on a real Redis.
 */
class RedisConversationStoreTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private static LettuceConnectionFactory connectionFactory;

	private static ReactiveStringRedisTemplate template;

	@BeforeAll
	static void connect() {
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		template = new ReactiveStringRedisTemplate(connectionFactory);
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	private static RedisConversationStore store() {
		return RedisConversationStore.builder(template).keyPrefix("test:").ttl(Duration.ofHours(1)).build();
	}

	private static CompletedTurn turn(String responseId, String... items) {
		return new CompletedTurn(List.of(items), responseId, false, "instance-a");
	}

	@Test
	void appendedTurnsAreLoadedAsTheVersionedTranscriptExport() {
		RedisConversationStore store = store();
		String id = UUID.randomUUID().toString();
		StepVerifier.create(store.state(id)).expectComplete().verify(TIMEOUT);
		store.append(id, 0, turn("resp_1", "{\"role\":\"user\",\"content\":\"é\"}", "{\"type\":\"message\"}")).block(TIMEOUT);
		ConversationState state = store.append(id, 1, new CompletedTurn(List.of("{\"n\":3}"), "resp_2", true, "instance-b"))
			.block(TIMEOUT);
		assertThat(state).isEqualTo(new ConversationState(2, 3, state.bytes(), "resp_2", true, "instance-b"));
		StoredConversation stored = store.load(id).block(TIMEOUT);
		assertThat(stored.state()).isEqualTo(state);
		assertThat(stored.state().bytes()).as("UTF-8 bytes, é taking two")
			.isEqualTo("{\"role\":\"user\",\"content\":\"é\"}{\"type\":\"message\"}{\"n\":3}".length() + 1);
		assertThat(stored.transcript()).isEqualTo(
				TranscriptFormat.of(List.of("{\"role\":\"user\",\"content\":\"é\"}", "{\"type\":\"message\"}", "{\"n\":3}")));
		assertThat(store.state(id).block(TIMEOUT)).isEqualTo(state);
	}

	@Test
	void aStaleVersionIsAConflictAndChangesNothing() {
		RedisConversationStore store = store();
		String id = UUID.randomUUID().toString();
		store.append(id, 0, turn("resp_1", "{}")).block(TIMEOUT);
		StoredConversation before = store.load(id).block(TIMEOUT);
		StepVerifier.create(store.append(id, 0, turn("resp_2", "{\"late\":true}")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConversationConflictException.class,
					(conflict) -> {
						assertThat(conflict.expectedVersion()).isZero();
						assertThat(conflict.actualVersion()).isEqualTo(1);
					}))
			.verify(TIMEOUT);
		assertThat(store.load(id).block(TIMEOUT)).isEqualTo(before);
	}

	@Test
	void ofManyAppendsToOneVersionExactlyOneWins() {
		RedisConversationStore store = store();
		String id = UUID.randomUUID().toString();
		List<Boolean> outcomes = Flux.range(0, 16)
			.flatMap((n) -> store.append(id, 0, turn("resp_" + n, "{\"n\":" + n + "}"))
				.map((state) -> true)
				.onErrorResume(ConversationConflictException.class, (error) -> Mono.just(false)))
			.collectList()
			.block(TIMEOUT);
		assertThat(outcomes).containsOnlyOnce(true).hasSize(16);
		assertThat(store.state(id).block(TIMEOUT).items()).isEqualTo(1);
	}

	@Test
	void aTurnBeyondTheLimitsIsRefusedWithTheTypedError() {
		RedisConversationStore store = RedisConversationStore.builder(template).keyPrefix("test:").limits(3, 1000).build();
		String id = UUID.randomUUID().toString();
		store.append(id, 0, turn("resp_1", "{}", "{}")).block(TIMEOUT);
		StepVerifier.create(store.append(id, 1, turn("resp_2", "{}", "{}")))
			.expectError(TranscriptLimitExceededException.class)
			.verify(TIMEOUT);
		StepVerifier.create(store.append(id, 1, turn("resp_2", "{\"big\":\"" + "x".repeat(1000) + "\"}")))
			.expectError(TranscriptLimitExceededException.class)
			.verify(TIMEOUT);
		assertThat(store.state(id).block(TIMEOUT).version()).isEqualTo(1);
	}

	@Test
	void bothKeysExpireAfterTheTimeToLiveAndDeleteRemovesThem() {
		RedisConversationStore store = store();
		String id = UUID.randomUUID().toString();
		store.append(id, 0, turn("resp_1", "{}")).block(TIMEOUT);
		for (String key : List.of(store.stateKey(id), store.transcriptKey(id))) {
			Duration expire = template.getExpire(key).block(TIMEOUT);
			assertThat(expire).as(key).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
		}
		assertThat(store.delete(id).block(TIMEOUT)).isTrue();
		StepVerifier.create(store.load(id)).expectComplete().verify(TIMEOUT);
		assertThat(template.hasKey(store.transcriptKey(id)).block(TIMEOUT)).isFalse();
	}

	@Test
	void anUnreachableRedisFailsWithinTheTimeoutWithTheTypedError() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			RedisConversationStore store = RedisConversationStore.builder(new ReactiveStringRedisTemplate(nowhere))
				.timeout(Duration.ofMillis(500))
				.build();
			StepVerifier.create(store.state("any"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ConversationStoreException.class,
						(failure) -> assertThat(failure.conversationId()).isEqualTo("any")))
				.verify(TIMEOUT);
		}
		finally {
			nowhere.destroy();
		}
	}

}
