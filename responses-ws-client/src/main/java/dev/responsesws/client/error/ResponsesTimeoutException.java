package dev.responsesws.client.error;

import java.time.Duration;

/**
 * An operation did not finish in time: connecting, waiting for a free connection, or waiting
 * for the next event of a turn.
 */
public class ResponsesTimeoutException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Create a new exception.
	 * @param what what timed out, for example "No event for the turn"
	 * @param timeout the timeout that elapsed
	 */
	public ResponsesTimeoutException(String what, Duration timeout) {
		this(what, timeout, null);
	}

	/**
	 * Create a new exception with the failure that kept the operation from finishing.
	 * @param what what timed out
	 * @param timeout the timeout that elapsed
	 * @param cause the last failure before the timeout, if any
	 */
	public ResponsesTimeoutException(String what, Duration timeout, @org.jspecify.annotations.Nullable Throwable cause) {
		super(what + " within " + timeout + ((cause != null) ? " (last failure: " + cause.getMessage() + ")" : ""),
				cause);
		this.timeout = timeout;
	}

	/**
	 * Return the timeout that elapsed.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
