package dev.responsesws.test.proxy;

/**
 * The direction bytes travel through the proxy.
 */
enum Direction {

	/** From the client to the server. */
	UPSTREAM,

	/** From the server to the client. */
	DOWNSTREAM

}
