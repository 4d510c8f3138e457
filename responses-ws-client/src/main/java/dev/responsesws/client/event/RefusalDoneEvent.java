package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.refusal.done}: a {@code refusal} content part is complete.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the message item
 * @param outputIndex the index of the item in the response's output
 * @param contentIndex the index of the refusal part in the item's content
 * @param refusal the whole refusal text
 */
public record RefusalDoneEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId,
		int outputIndex, int contentIndex, String refusal) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.refusal.done";

	@Override
	public String type() {
		return TYPE;
	}

}
