package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The conversation store could not be read or written in time: it is unreachable, slow or
 * failed. A turn that could not read its conversation fails with it before anything is sent to
 * the model; one whose completed turn could not be written fails with it after the model
 * answered, and the stored conversation is left as it was before that turn.
 */
public class ConversationStoreException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final String conversationId;

	/**
	 * Create a new exception.
	 * @param conversationId the conversation
	 * @param message what failed
	 * @param cause the store's error, if any
	 */
	public ConversationStoreException(String conversationId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.conversationId = conversationId;
	}

	/**
	 * Return the conversation whose store operation failed.
	 * @return the conversation id
	 */
	public String conversationId() {
		return this.conversationId;
	}

}
