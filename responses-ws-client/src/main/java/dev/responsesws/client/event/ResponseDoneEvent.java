package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.done}: a terminal event some servers and fixtures send instead of {@code response.completed}.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param response the response object
 */
public record ResponseDoneEvent(long sequenceNumber, @Nullable String streamId, Response response) implements ResponseTerminalEvent {

	/** The event type. */
	public static final String TYPE = "response.done";

	@Override
	public String type() {
		return TYPE;
	}

}
