package dev.responsesws.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.responsesws.client.conversation.CompletedTurn;
import dev.responsesws.client.conversation.ConversationState;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.conversation.StoredConversation;
import dev.responsesws.client.conversation.TranscriptFormat;
import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.error.ConversationStoreException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * A {@link ConversationStore} in Redis, through Spring Data Redis reactive, so that every
 * instance of an application continues every conversation.
 *
 * <p>A conversation takes two keys that share a hash tag (and so a cluster slot):
 * <ul>
 * <li>{@code <prefix>{<id>}}, a hash with its state: {@code version}, {@code items},
 * {@code bytes}, {@code last_response_id}, {@code stored} ({@code 1} or {@code 0}) and
 * {@code instance};</li>
 * <li>{@code <prefix>{<id>}:transcript}, a string with its transcript in the versioned JSON of
 * {@link TranscriptFormat} (what {@code Conversation.exportTranscript()} writes, without the
 * last response id), which {@code Conversation.Builder.restore(String)} reads as it is.</li>
 * </ul>
 * A turn is appended by one Lua script that checks the version and the limits, adds the turn's
 * items to the end of the transcript in place, updates the state and renews the time to live of
 * both keys: two instances appending to the same version get one success and one
 * {@link ConversationConflictException}, never an interleaved transcript. Every operation fails
 * with {@link ConversationStoreException} when Redis does not answer within the timeout.
 */
public final class RedisConversationStore implements ConversationStore {

	private static final String TRANSCRIPT_START = "{\"version\":" + TranscriptFormat.VERSION + ",\"items\":[";

	private static final String EMPTY_TRANSCRIPT = TranscriptFormat.of(List.of());

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> APPEND = RedisScript
		.of(new ClassPathResource("dev/responsesws/redis/append.lua"), List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> LOAD = RedisScript.of(new ClassPathResource("dev/responsesws/redis/load.lua"),
			List.class);

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration ttl;

	private final Duration timeout;

	private final int maxItems;

	private final long maxBytes;

	private RedisConversationStore(Builder builder) {
		this.redis = builder.redis;
		this.keyPrefix = builder.keyPrefix;
		this.ttl = builder.ttl;
		this.timeout = builder.timeout;
		this.maxItems = builder.maxItems;
		this.maxBytes = builder.maxBytes;
	}

	/**
	 * Create a builder.
	 * @param redis the template, on the application's Redis connection
	 * @return a builder with the defaults
	 */
	public static Builder builder(ReactiveStringRedisTemplate redis) {
		return new Builder(redis);
	}

	@Override
	public Mono<ConversationState> state(String conversationId) {
		return guarded(conversationId, "read",
				this.redis.<String, String>opsForHash().entries(stateKey(conversationId)).collectMap(Map.Entry::getKey,
						Map.Entry::getValue))
			.flatMap((fields) -> fields.isEmpty() ? Mono.empty() : Mono.just(state(fields)));
	}

	@Override
	public Mono<StoredConversation> load(String conversationId) {
		return guarded(conversationId, "load",
				this.redis.execute(LOAD, keys(conversationId), List.of(EMPTY_TRANSCRIPT)).next())
			.flatMap((reply) -> {
				if (reply.isEmpty()) {
					return Mono.empty();
				}
				Map<String, String> fields = new HashMap<>();
				for (int i = 0; i + 1 < reply.size(); i += 2) {
					fields.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
				}
				return Mono.just(new StoredConversation(state(fields), fields.get("transcript")));
			});
	}

	@Override
	public Mono<ConversationState> append(String conversationId, long expectedVersion, CompletedTurn turn) {
		List<String> args = new ArrayList<>(8 + turn.items().size());
		args.add(Long.toString(expectedVersion));
		args.add(turn.responseId());
		args.add(turn.stored() ? "1" : "0");
		args.add(turn.instanceId());
		args.add(Long.toString(this.ttl.toMillis()));
		args.add(Integer.toString(this.maxItems));
		args.add(Long.toString(this.maxBytes));
		args.add(TRANSCRIPT_START);
		args.addAll(turn.items());
		return guarded(conversationId, "append a turn to", this.redis.execute(APPEND, keys(conversationId), args).next())
			.map((reply) -> {
				String outcome = String.valueOf(reply.get(0));
				switch (outcome) {
					case "ok" -> {
						return new ConversationState(number(reply.get(1)), (int) number(reply.get(2)), number(reply.get(3)),
								turn.responseId(), turn.stored(), turn.instanceId());
					}
					case "conflict" -> throw new ConversationConflictException(conversationId, expectedVersion,
							number(reply.get(1)));
					case "limit" -> throw new TranscriptLimitExceededException((int) number(reply.get(1)),
							number(reply.get(2)), this.maxItems, this.maxBytes);
					default -> throw new ConversationStoreException(conversationId,
							"Unexpected answer of the append script: " + reply, null);
				}
			});
	}

	@Override
	public Mono<Boolean> delete(String conversationId) {
		return guarded(conversationId, "delete", this.redis.delete(stateKey(conversationId), transcriptKey(conversationId)))
			.map((deleted) -> deleted > 0);
	}

	/**
	 * Check that Redis answers.
	 * @return a {@code Mono} that completes when Redis answered a PING, or fails with Redis's
	 * error or a {@link java.util.concurrent.TimeoutException} after the timeout
	 */
	public Mono<Void> ping() {
		return this.redis.execute((connection) -> connection.ping()).next().timeout(this.timeout).then();
	}

	@Override
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public int maxItems() {
		return this.maxItems;
	}

	@Override
	public long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Return the prefix of the keys.
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Return how long a conversation is kept after its last turn.
	 * @return the time to live; 0 keeps conversations until they are deleted
	 */
	public Duration ttl() {
		return this.ttl;
	}

	/**
	 * Return the key of a conversation's state.
	 * @param conversationId the conversation
	 * @return the key of its hash
	 */
	public String stateKey(String conversationId) {
		return this.keyPrefix + "{" + conversationId + "}";
	}

	/**
	 * Return the key of a conversation's transcript.
	 * @param conversationId the conversation
	 * @return the key of its string
	 */
	public String transcriptKey(String conversationId) {
		return stateKey(conversationId) + ":transcript";
	}

	private List<String> keys(String conversationId) {
		return List.of(stateKey(conversationId), transcriptKey(conversationId));
	}

	private <T> Mono<T> guarded(String conversationId, String action, Mono<T> call) {
		return call.timeout(this.timeout,
				Mono.error(() -> new ConversationStoreException(conversationId, "Could not " + action + " conversation '"
						+ conversationId + "': Redis did not answer within " + this.timeout, null)))
			.onErrorMap((error) -> !(error instanceof ResponsesException),
					(error) -> new ConversationStoreException(conversationId,
							"Could not " + action + " conversation '" + conversationId + "' in Redis: " + error.getMessage(),
							error));
	}

	private static ConversationState state(Map<String, String> fields) {
		return new ConversationState(number(fields.get("version")), (int) number(fields.get("items")),
				number(fields.get("bytes")), emptyToNull(fields.get("last_response_id")), "1".equals(fields.get("stored")),
				emptyToNull(fields.get("instance")));
	}

	private static long number(@Nullable Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * Builds a {@link RedisConversationStore}.
	 */
	public static final class Builder {

		private final ReactiveStringRedisTemplate redis;

		private String keyPrefix = "responses-ws:conversation:";

		private Duration ttl = Duration.ofDays(7);

		private Duration timeout = Duration.ofSeconds(2);

		private int maxItems = 10_000;

		private long maxBytes = 8L * 1024 * 1024;

		private Builder(ReactiveStringRedisTemplate redis) {
			this.redis = Objects.requireNonNull(redis);
		}

		/**
		 * Set the prefix of the keys. Default {@code responses-ws:conversation:}.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = Objects.requireNonNull(keyPrefix);
			return this;
		}

		/**
		 * Set how long a conversation is kept after its last turn. Default 7 days.
		 * @param ttl the time to live; 0 keeps conversations until they are deleted
		 * @return this builder
		 */
		public Builder ttl(Duration ttl) {
			if (ttl.isNegative()) {
				throw new IllegalArgumentException("The time to live must be 0 or longer");
			}
			this.ttl = ttl;
			return this;
		}

		/**
		 * Set how long each operation may take before it fails with
		 * {@link ConversationStoreException}. Default 2 seconds.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("The timeout must be longer than 0");
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Limit each transcript. Defaults: 10,000 items and 8 MiB of JSON.
		 * @param maxItems the most items
		 * @param maxBytes the largest size of the items, in bytes of UTF-8 JSON
		 * @return this builder
		 */
		public Builder limits(int maxItems, long maxBytes) {
			if (maxItems < 1 || maxBytes < 1) {
				throw new IllegalArgumentException("The transcript limits must be positive");
			}
			this.maxItems = maxItems;
			this.maxBytes = maxBytes;
			return this;
		}

		/**
		 * Build the store.
		 * @return the store
		 */
		public RedisConversationStore build() {
			return new RedisConversationStore(this);
		}

	}

}
