package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The network failed: a connection could not be opened, or a write failed.
 */
public class TransportException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public TransportException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
