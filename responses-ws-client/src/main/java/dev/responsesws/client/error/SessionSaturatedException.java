package dev.responsesws.client.error;

/**
 * A turn could not be started: every connection is busy, no more may be opened, and the wait
 * queue is full.
 */
public class SessionSaturatedException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param maxConnections the connection limit
	 * @param maxQueued the queue limit
	 */
	public SessionSaturatedException(int maxConnections, int maxQueued) {
		super("All " + maxConnections + " connections are busy and " + maxQueued
				+ " turns already wait for one; raise the pool size or the queue size, or slow down", null);
	}

}
