package dev.responsesws.client.event;

import dev.responsesws.client.response.OutputItem;
import org.jspecify.annotations.Nullable;

/**
 * {@code response.output_item.done}: an output item is complete; a function call item now carries its call id, name and arguments.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param outputIndex the index of the item in the response's output
 * @param item the complete item
 */
public record OutputItemDoneEvent(long sequenceNumber, @Nullable String streamId, int outputIndex, OutputItem item) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.output_item.done";

	@Override
	public String type() {
		return TYPE;
	}

}
