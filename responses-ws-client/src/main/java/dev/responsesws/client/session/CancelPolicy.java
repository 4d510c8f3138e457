package dev.responsesws.client.session;

/**
 * What a connection does when the subscriber of a running turn cancels. The server cannot be
 * told to stop (the protocol has no cancel message), so the rest of the response still comes.
 */
public enum CancelPolicy {

	/**
	 * Keep the connection: read the rest of the response and discard it, then serve the next
	 * turn. The connection's cache stays valid.
	 */
	DRAIN,

	/**
	 * Close the connection at once, which is the only way to stop the server producing the
	 * response; its cache is lost.
	 */
	CLOSE

}
