package dev.responsesws.client.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import reactor.core.publisher.Mono;

/**
 * A {@link ConversationStore} in this JVM's memory, the default: conversations continue on any
 * session of this JVM, but not on another instance, and do not survive a restart. Appends are
 * atomic per conversation, with the same version check as any store.
 */
public final class InMemoryConversationStore implements ConversationStore {

	private final Map<String, Entry> conversations = new ConcurrentHashMap<>();

	private final int maxItems;

	private final long maxBytes;

	/**
	 * Create a store without limits of its own.
	 */
	public InMemoryConversationStore() {
		this(Integer.MAX_VALUE, Long.MAX_VALUE);
	}

	/**
	 * Create a store with limits on each transcript.
	 * @param maxItems the most items of a transcript
	 * @param maxBytes the largest size of a transcript's items, in bytes of UTF-8 JSON
	 */
	public InMemoryConversationStore(int maxItems, long maxBytes) {
		if (maxItems < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("The transcript limits must be positive");
		}
		this.maxItems = maxItems;
		this.maxBytes = maxBytes;
	}

	@Override
	public Mono<ConversationState> state(String conversationId) {
		return Mono.fromSupplier(() -> {
			Entry entry = this.conversations.get(conversationId);
			return (entry != null) ? entry.state : null;
		});
	}

	@Override
	public Mono<StoredConversation> load(String conversationId) {
		return Mono.fromSupplier(() -> {
			Entry entry = this.conversations.get(conversationId);
			return (entry != null) ? new StoredConversation(entry.state, TranscriptFormat.of(entry.items)) : null;
		});
	}

	@Override
	public Mono<ConversationState> append(String conversationId, long expectedVersion, CompletedTurn turn) {
		Objects.requireNonNull(turn, "turn");
		return Mono.fromSupplier(() -> this.conversations
			.compute(conversationId, (id, entry) -> appended(id, entry, expectedVersion, turn)).state);
	}

	private Entry appended(String conversationId, Entry entry, long expectedVersion, CompletedTurn turn) {
		ConversationState state = (entry != null) ? entry.state : ConversationState.EMPTY;
		if (state.version() != expectedVersion) {
			throw new ConversationConflictException(conversationId, expectedVersion, state.version());
		}
		int items = state.items() + turn.items().size();
		long bytes = state.bytes() + turn.bytes();
		if (items > this.maxItems || bytes > this.maxBytes) {
			throw new TranscriptLimitExceededException(items, bytes, this.maxItems, this.maxBytes);
		}
		List<String> all = new ArrayList<>((entry != null) ? entry.items : List.of());
		all.addAll(turn.items());
		return new Entry(new ConversationState(state.version() + 1, items, bytes, turn.responseId(), turn.stored(),
				turn.instanceId()), List.copyOf(all));
	}

	@Override
	public Mono<Boolean> delete(String conversationId) {
		return Mono.fromSupplier(() -> this.conversations.remove(conversationId) != null);
	}

	@Override
	public int maxItems() {
		return this.maxItems;
	}

	@Override
	public long maxBytes() {
		return this.maxBytes;
	}

	private record Entry(ConversationState state, List<String> items) {

	}

}
