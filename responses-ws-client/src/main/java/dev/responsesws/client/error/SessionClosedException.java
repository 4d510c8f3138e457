package dev.responsesws.client.error;

/**
 * The session is closed or closing: it refuses new turns, and turns still running when its grace
 * period ends fail with this exception.
 */
public class SessionClosedException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message what was refused or ended
	 */
	public SessionClosedException(String message) {
		super(message, null);
	}

}
