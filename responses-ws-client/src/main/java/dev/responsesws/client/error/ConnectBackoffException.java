package dev.responsesws.client.error;

import java.time.Duration;

/**
 * A turn needed a new connection while the session was backing off after a failed connect, so
 * no connection was attempted for it. The cause is the failure of the last attempt (a
 * {@link HandshakeRejectedException} for a refused key, a {@link TransportException} for a
 * server that cannot be reached, and so on); the first turn after the back-off tries again.
 */
public class ConnectBackoffException extends TransportException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Create a new exception.
	 * @param url the URL that could not be connected to (without credentials)
	 * @param retryAfter how long the back-off still lasts
	 * @param cause the failure of the last connect
	 */
	public ConnectBackoffException(String url, Duration retryAfter, ResponsesException cause) {
		super("Not connecting to " + url + " for another " + retryAfter.toMillis()
				+ " ms, the back-off after a failed connect: " + cause.getMessage(), cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long the back-off lasted still when the turn was refused; the first turn after
	 * it tries to connect again.
	 * @return the remaining back-off
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
