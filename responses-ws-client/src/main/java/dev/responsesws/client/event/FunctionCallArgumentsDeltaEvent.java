package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.function_call_arguments.delta}: the next piece of a function call's JSON arguments.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the function call item
 * @param outputIndex the index of the item in the response's output
 * @param delta the new piece of the arguments text
 */
public record FunctionCallArgumentsDeltaEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId, int outputIndex, String delta) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.function_call_arguments.delta";

	@Override
	public String type() {
		return TYPE;
	}

}
