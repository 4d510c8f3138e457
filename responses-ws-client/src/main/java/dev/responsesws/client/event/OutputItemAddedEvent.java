package dev.responsesws.client.event;

import dev.responsesws.client.response.OutputItem;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.output_item.added}: the model started an output item (message, function call, reasoning, ...).
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param outputIndex the index of the item in the response's output
 * @param item the item as it stands when started
 */
public record OutputItemAddedEvent(long sequenceNumber, @Nullable String streamId, int outputIndex, OutputItem item) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.output_item.added";

	@Override
	public String type() {
		return TYPE;
	}

}
