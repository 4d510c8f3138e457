package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception thrown or signalled by the responses-ws client.
 *
 * <p>Catching this type catches every failure the library reports: decoding errors, API
 * errors, transport failures, timeouts and saturation.
 */
public abstract class ResponsesException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the detail message
	 * @param cause the cause, if any
	 */
	protected ResponsesException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
