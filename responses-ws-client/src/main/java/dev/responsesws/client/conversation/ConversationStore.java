package dev.responsesws.client.conversation;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where conversations live between their turns, so that a conversation continues on any
 * instance of an application: its transcript, its version, and what the next turn needs to
 * continue its chain (the last response id, whether that response was stored, and which
 * instance's connection holds it).
 *
 * <p>A conversation built with {@link Conversation.Builder#store(ConversationStore, String)}
 * runs each turn in this order:
 * <ol>
 * <li>read the conversation's {@link #state(String) state}, and {@link #load(String) load} it
 * when another instance changed it since; a failure or timeout here fails the turn with
 * {@link dev.responsesws.client.error.ConversationStoreException} and nothing is sent to the
 * model;</li>
 * <li>send the turn to the model;</li>
 * <li>when the turn completed, {@link #append(String, long, CompletedTurn) append} its items
 * (the new input, every output item) with the version read in step 1. If another turn was
 * appended in between, the append fails with
 * {@link dev.responsesws.client.error.ConversationConflictException} and stores nothing: one
 * turn wins, the other gets the conflict, and the transcript never mixes them. A turn that
 * failed or was cancelled appends nothing.</li>
 * </ol>
 *
 * <p>Every method completes or fails within {@link #timeout()}; the conversation enforces it
 * too. Implementations are thread-safe. {@link InMemoryConversationStore} keeps conversations in
 * this JVM; the {@code responses-ws-redis} module shares them through Redis.
 */
public interface ConversationStore {

	/**
	 * Read a conversation's state without its transcript.
	 * @param conversationId the conversation
	 * @return the state, or empty when the store holds no such conversation
	 */
	Mono<ConversationState> state(String conversationId);

	/**
	 * Read a conversation: its state and its transcript, from one consistent snapshot.
	 * @param conversationId the conversation
	 * @return the conversation, or empty when the store holds no such conversation
	 */
	Mono<StoredConversation> load(String conversationId);

	/**
	 * Append a completed turn, atomically: when the conversation is at the expected version
	 * (0 for a conversation the store does not hold yet), its items are added, the chain is
	 * updated and the version goes up by one; otherwise nothing changes.
	 * @param conversationId the conversation
	 * @param expectedVersion the version the turn started from
	 * @param turn the turn
	 * @return the new state; fails with
	 * {@link dev.responsesws.client.error.ConversationConflictException} when the version is not
	 * the expected one, with {@link dev.responsesws.client.error.TranscriptLimitExceededException}
	 * when the transcript would exceed the store's limits
	 */
	Mono<ConversationState> append(String conversationId, long expectedVersion, CompletedTurn turn);

	/**
	 * Delete a conversation.
	 * @param conversationId the conversation
	 * @return whether the store held it
	 */
	Mono<Boolean> delete(String conversationId);

	/**
	 * Return how long each operation may take.
	 * @return the timeout; 2 seconds unless the store says otherwise
	 */
	default Duration timeout() {
		return Duration.ofSeconds(2);
	}

	/**
	 * Return the most items a stored transcript may hold; a conversation checks it before
	 * sending a turn, the store again when appending it.
	 * @return the limit; no limit unless the store says otherwise
	 */
	default int maxItems() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Return the largest size, in bytes of UTF-8 JSON, of the items of a stored transcript.
	 * @return the limit; no limit unless the store says otherwise
	 */
	default long maxBytes() {
		return Long.MAX_VALUE;
	}

}
