package dev.responsesws.client.session;

/**
 * Whether a session runs its turns on {@code stream_id} lanes, so that one connection holds
 * several chains and runs their turns concurrently.
 *
 * @see ResponsesSession.Builder#lanes(LaneMode, int)
 */
public enum LaneMode {

	/**
	 * Use lanes while the server accepts them. Each new chain gets a lane of its own. When the
	 * server refuses {@code stream_id} as an unknown parameter, as a server from before lanes
	 * existed does, the session stops using lanes for the rest of its life and runs every turn it
	 * refused that way again without a lane; the server had not started them, so the caller sees
	 * only the answer.
	 */
	AUTO,

	/**
	 * Always use lanes. A server that refuses {@code stream_id} fails the turns with its
	 * {@link dev.responsesws.client.error.ResponsesApiException}.
	 */
	ON,

	/**
	 * Never use lanes: a connection runs one turn at a time and holds one chain.
	 */
	OFF

}
