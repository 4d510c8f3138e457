package dev.responsesws.client.error;

/**
 * The server refused the WebSocket upgrade with an HTTP status: 401 for a bad key, 403 or 429
 * for limits, 426 when the server has no WebSocket mode.
 */
public class HandshakeRejectedException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final int status;

	/**
	 * Create a new exception.
	 * @param status the HTTP status of the refused upgrade
	 * @param url the URL that was tried (without credentials)
	 */
	public HandshakeRejectedException(int status, String url) {
		super("The WebSocket upgrade to " + url + " was refused with HTTP status " + status + hint(status), null);
		this.status = status;
	}

	/**
	 * Return the HTTP status of the refused upgrade.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return whether the status means the key is not accepted (401 or 403); retrying with the
	 * same key cannot succeed.
	 * @return whether the credentials were refused
	 */
	public boolean isAuthenticationFailure() {
		return this.status == 401 || this.status == 403;
	}

	private static String hint(int status) {
		return switch (status) {
			case 401 -> " (the API key was not accepted)";
			case 403 -> " (the key has no access to this resource)";
			case 426 -> " (the server has no WebSocket mode)";
			case 429 -> " (too many connections or requests)";
			default -> "";
		};
	}

}
