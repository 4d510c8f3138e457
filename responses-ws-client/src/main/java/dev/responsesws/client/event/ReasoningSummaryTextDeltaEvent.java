package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.reasoning_summary_text.delta}: the next piece of a reasoning summary.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the reasoning item
 * @param outputIndex the index of the item in the response's output
 * @param summaryIndex the index of the summary part
 * @param delta the new text
 */
public record ReasoningSummaryTextDeltaEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId, int outputIndex, int summaryIndex, String delta) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.reasoning_summary_text.delta";

	@Override
	public String type() {
		return TYPE;
	}

}
