package dev.responsesws.client.error;

/**
 * A conversation's transcript would grow past its configured limit.
 */
public class TranscriptLimitExceededException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param items the number of items the transcript would hold
	 * @param bytes the size in bytes of their JSON
	 * @param maxItems the item limit
	 * @param maxBytes the size limit
	 */
	public TranscriptLimitExceededException(int items, long bytes, int maxItems, long maxBytes) {
		super("The transcript would hold " + items + " items (" + bytes + " bytes), over the limit of " + maxItems
				+ " items or " + maxBytes + " bytes; start a new conversation or raise the limit", null);
	}

}
