package dev.responsesws.client.error;

/**
 * A warm-up ({@code generate:false}) was refused before anything was sent: it needs WebSocket
 * mode, and the session uses HTTP, because it was configured so or after a fallback. Over HTTP
 * the request would be a full, billed generation instead; send the warm-up's items with the
 * first turn.
 */
public class WarmupUnavailableException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 */
	public WarmupUnavailableException() {
		super("A warm-up (generate:false) needs WebSocket mode and the session uses HTTP; nothing was sent", null);
	}

}
