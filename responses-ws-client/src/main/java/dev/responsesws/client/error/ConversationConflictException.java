package dev.responsesws.client.error;

/**
 * A completed turn could not be appended to its stored conversation because another turn was
 * appended first: the conversation's version is no longer the one the turn started from. The
 * stored conversation holds the other turn only, never a mix of both; the conversation reads it
 * again before its next turn.
 */
public class ConversationConflictException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final String conversationId;

	private final long expectedVersion;

	private final long actualVersion;

	/**
	 * Create a new exception.
	 * @param conversationId the conversation
	 * @param expectedVersion the version the turn started from
	 * @param actualVersion the version found in the store
	 */
	public ConversationConflictException(String conversationId, long expectedVersion, long actualVersion) {
		super("Conversation '" + conversationId + "' is at version " + actualVersion + ", not " + expectedVersion
				+ ": another turn of it completed first, so this turn was not stored", null);
		this.conversationId = conversationId;
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	/**
	 * Return the conversation.
	 * @return the conversation id
	 */
	public String conversationId() {
		return this.conversationId;
	}

	/**
	 * Return the version the turn started from.
	 * @return the expected version
	 */
	public long expectedVersion() {
		return this.expectedVersion;
	}

	/**
	 * Return the version found in the store.
	 * @return the actual version
	 */
	public long actualVersion() {
		return this.actualVersion;
	}

}
