package dev.responsesws.client.event;

import dev.responsesws.client.response.ContentPart;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.content_part.done}: a content part of a message is complete.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the message item
 * @param outputIndex the index of the item in the response's output
 * @param contentIndex the index of the part in the item's content
 * @param part the complete part
 */
public record ContentPartDoneEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId, int outputIndex, int contentIndex, ContentPart part) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.content_part.done";

	@Override
	public String type() {
		return TYPE;
	}

}
