package dev.responsesws.autoconfigure;

/**
 * The responses-ws configuration cannot work; {@link ResponsesWsFailureAnalyzer} turns it into a
 * start-up failure report that says what to set.
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
		super(description);
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
