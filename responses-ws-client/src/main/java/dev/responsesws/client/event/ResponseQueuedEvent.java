package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.queued}: the response waits for capacity before it starts.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param response the response object
 */
public record ResponseQueuedEvent(long sequenceNumber, @Nullable String streamId, Response response) implements ResponseLifecycleEvent {

	/** The event type. */
	public static final String TYPE = "response.queued";

	@Override
	public String type() {
		return TYPE;
	}

}
