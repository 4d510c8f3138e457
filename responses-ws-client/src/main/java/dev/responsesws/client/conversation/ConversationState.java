package dev.responsesws.client.conversation;

import org.jspecify.annotations.Nullable;

/**
 * A stored conversation's state, without its transcript.
 *
 * @param version how many turns were appended; 0 for a conversation the store does not hold
 * @param items how many items its transcript holds
 * @param bytes the size of those items, in bytes of UTF-8 JSON
 * @param lastResponseId the id of its last response, the one its next turn continues
 * @param stored whether that response was created with {@code store:true}, so that the server
 * can continue it from any connection
 * @param instanceId the instance whose connection produced that response, and so holds it in
 * memory ({@link dev.responsesws.client.session.ResponsesSession#instanceId()})
 */
public record ConversationState(long version, int items, long bytes, @Nullable String lastResponseId,
		boolean stored, @Nullable String instanceId) {

	/** The state of a conversation the store does not hold yet. */
	public static final ConversationState EMPTY = new ConversationState(0, 0, 0, null, false, null);

}
