package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * {@code response.function_call_arguments.done}: a function call's arguments are complete.
 *
 * @param sequenceNumber the position of this event in its response's stream
 * @param streamId the lane, or {@code null} for the default lane
 * @param itemId the id of the function call item
 * @param outputIndex the index of the item in the response's output
 * @param name the function name, when the server includes it
 * @param arguments the whole arguments text
 */
public record FunctionCallArgumentsDoneEvent(long sequenceNumber, @Nullable String streamId, @Nullable String itemId, int outputIndex, @Nullable String name, String arguments) implements ResponseEvent {

	/** The event type. */
	public static final String TYPE = "response.function_call_arguments.done";

	@Override
	public String type() {
		return TYPE;
	}

}
