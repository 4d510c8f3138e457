package dev.responsesws.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The responses-ws configuration cannot work, or the server refused it at start-up;
 * {@link ResponsesWsFailureAnalyzer} turns it into a start-up failure report that says what is
 * wrong and what to set.
 */
public class ResponsesWsConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public ResponsesWsConfigurationException(String description, String action) {
		this(description, action, null);
	}

	/**
	 * Create a new exception for a failure that was seen, such as the server refusing the key.
	 * @param description what is wrong
	 * @param action what to do about it
	 * @param cause the failure seen, if any
	 */
	public ResponsesWsConfigurationException(String description, String action, @Nullable Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
