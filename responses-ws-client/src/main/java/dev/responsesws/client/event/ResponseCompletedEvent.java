package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.completed}: the response finished; it carries the whole output and the usage.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param response the response object
 */
public record ResponseCompletedEvent(long sequenceNumber, @Nullable String streamId, Response response) implements ResponseTerminalEvent {

	/** The event type. */
	public static final String TYPE = "response.completed";

	@Override
	public String type() {
		return TYPE;
	}

}
