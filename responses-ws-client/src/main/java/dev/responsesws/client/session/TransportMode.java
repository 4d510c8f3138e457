package dev.responsesws.client.session;

/**
 * How a session talks to the server.
 */
public enum TransportMode {

	/** One persistent WebSocket per connection of the pool (the default). */
	WEBSOCKET,

	/** {@code POST /v1/responses} with server-sent events, one request per turn. */
	HTTP

}
