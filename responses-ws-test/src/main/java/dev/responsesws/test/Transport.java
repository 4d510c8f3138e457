package dev.responsesws.test;

/**
 * How a request reached the simulator.
 */
public enum Transport {

	/** A {@code response.create} message on a WebSocket connection. */
	WEBSOCKET,

	/** A {@code POST /v1/responses} request. */
	HTTP

}
