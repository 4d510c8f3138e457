package dev.responsesws.client.event;

import dev.responsesws.client.error.ApiError;
import org.jspecify.annotations.Nullable;

/**
 * {@code error}: the server refused or aborted a request. It ends that request; over WebSocket
 * the connection stays open. Both wire forms decode to this event: the WebSocket envelope
 * {@code {"type":"error","status":400,"error":{...}}} and the flat SSE form
 * {@code {"type":"error","code":...,"message":...}}. It is a {@link TerminalEvent}, but not a
 * {@link ResponseTerminalEvent}: it carries no response.
 *
 * @param sequenceNumber the position in the stream, or {@link #NO_SEQUENCE_NUMBER}
 * @param streamId the lane, or {@code null} on the default lane and for a request the server
 * refused before running it (which belongs to the oldest request of the connection still waiting
 * for its answer)
 * @param status the HTTP status the same request would have had, when the server sent one
 * @param error the details
 */
public record ErrorEvent(long sequenceNumber, @Nullable String streamId, @Nullable Integer status, ApiError error)
		implements TerminalEvent {

	/** The event type. */
	public static final String TYPE = "error";

	@Override
	public String type() {
		return TYPE;
	}

}
