package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.web_search_call.completed}: a web search call finished; what it found is in
 * the item of the following {@code response.output_item.done}.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the {@code web_search_call} item
 * @param outputIndex the index of the item in the response's output
 */
public record WebSearchCallCompletedEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId,
		int outputIndex) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.web_search_call.completed";

	@Override
	public String type() {
		return TYPE;
	}

}
