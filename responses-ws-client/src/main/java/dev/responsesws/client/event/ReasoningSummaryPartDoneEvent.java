package dev.responsesws.client.event;

import dev.responsesws.client.response.ContentPart;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.reasoning_summary_part.done}: a part of a reasoning item's summary is
 * complete.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the reasoning item
 * @param outputIndex the index of the item in the response's output
 * @param summaryIndex the index of the part in the item's summary
 * @param part the finished {@code summary_text} part, its whole text in {@link ContentPart#text()}
 */
public record ReasoningSummaryPartDoneEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId,
		int outputIndex, int summaryIndex, ContentPart part) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.reasoning_summary_part.done";

	@Override
	public String type() {
		return TYPE;
	}

}
