package dev.responsesws.client.internal.transport;

import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.event.ResponseEvent;

/**
 * Told what happens on a {@link WebSocketConnection}; used by the session for routing,
 * statistics and replacing dead connections. Methods run on the connection's event loop and
 * must not block.
 */
public interface ConnectionListener {

	/** A listener that ignores everything. */
	ConnectionListener NONE = new ConnectionListener() {
	};

	/**
	 * An event arrived for a running turn.
	 * @param connection the connection
	 * @param event the event
	 */
	default void eventReceived(WebSocketConnection connection, ResponseEvent event) {
	}

	/**
	 * A request was written.
	 * @param connection the connection
	 * @param bytes its size before compression
	 */
	default void requestSent(WebSocketConnection connection, int bytes) {
	}

	/**
	 * A frame arrived.
	 * @param connection the connection
	 * @param bytes its size after decompression
	 */
	default void frameReceived(WebSocketConnection connection, int bytes) {
	}

	/**
	 * A turn ended (terminal event, error, or connection closed).
	 * @param connection the connection
	 */
	default void turnFinished(WebSocketConnection connection) {
	}

	/**
	 * The connection received something it could not use, or a turn timed out.
	 * @param connection the connection
	 * @param error what went wrong
	 */
	default void protocolError(WebSocketConnection connection, ResponsesException error) {
	}

	/**
	 * The connection is closed. Called on its event loop before its running turns fail, so that
	 * their callers, retrying at once, find the connection gone.
	 * @param connection the connection
	 * @param code the close code, 1006 when there was no close frame
	 * @param reason the close reason
	 */
	default void connectionClosed(WebSocketConnection connection, int code, String reason) {
	}

}
