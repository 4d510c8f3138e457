package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.incomplete}: the response stopped early, see {@link Response#incompleteReason()}.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param response the response object
 */
public record ResponseIncompleteEvent(long sequenceNumber, @Nullable String streamId, Response response) implements ResponseTerminalEvent {

	/** The event type. */
	public static final String TYPE = "response.incomplete";

	@Override
	public String type() {
		return TYPE;
	}

}
