package dev.responsesws.client.event;

import dev.responsesws.client.response.ContentPart;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.reasoning_summary_part.added}: a part of a reasoning item's summary started.
 * Reasoning models send it before the part's {@link ReasoningSummaryTextDeltaEvent deltas}.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the reasoning item
 * @param outputIndex the index of the item in the response's output
 * @param summaryIndex the index of the part in the item's summary
 * @param part the part as it stands when started, a {@code summary_text} part with empty text
 */
public record ReasoningSummaryPartAddedEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId,
		int outputIndex, int summaryIndex, ContentPart part) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.reasoning_summary_part.added";

	@Override
	public String type() {
		return TYPE;
	}

}
