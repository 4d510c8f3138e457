package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.refusal.delta}: more text of a {@code refusal} content part, sent instead of
 * output text when the model declines to answer.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the message item
 * @param outputIndex the index of the item in the response's output
 * @param contentIndex the index of the refusal part in the item's content
 * @param delta the added refusal text
 */
public record RefusalDeltaEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId,
		int outputIndex, int contentIndex, String delta) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.refusal.delta";

	@Override
	public String type() {
		return TYPE;
	}

}
