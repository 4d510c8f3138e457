package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.in_progress}: the model started producing output.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param response the response object
 */
public record ResponseInProgressEvent(long sequenceNumber, @Nullable String streamId, Response response) implements ResponseLifecycleEvent {

	/** The event type. */
	public static final String TYPE = "response.in_progress";

	@Override
	public String type() {
		return TYPE;
	}

}
