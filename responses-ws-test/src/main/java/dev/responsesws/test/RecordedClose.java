package dev.responsesws.test;

import java.time.Instant;

/**
 * How a WebSocket connection of the simulator ended.
 *
 * @param connectionId the connection: {@code ws-N} in the order connections were accepted, as in
 * {@link RecordedFrame#connectionId()}
 * @param code the status code of the first close frame the client sent (its own, or its echo of
 * the simulator's when the simulator closed first; 1005 for a frame without a code), or
 * {@value #NO_CLOSE_FRAME} when the connection ended without one
 * @param reason the reason of that close frame, empty when there was none
 * @param closedAt when the TCP connection ended
 */
public record RecordedClose(String connectionId, int code, String reason, Instant closedAt) {

	/** The code recorded for a connection that ended without a close frame (RFC 6455, 7.1.5). */
	public static final int NO_CLOSE_FRAME = 1006;

	/**
	 * Return whether the connection ended with a close frame.
	 * @return {@code false} when the TCP connection closed without one
	 */
	public boolean hadCloseFrame() {
		return this.code != NO_CLOSE_FRAME;
	}

}
