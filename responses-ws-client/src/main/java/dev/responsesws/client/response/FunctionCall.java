package dev.responsesws.client.response;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A call of a function tool requested by the model. Its result goes back in the next turn as a
 * {@code function_call_output} input item with the same {@link #callId()}.
 *
 * @param id the item id
 * @param callId the id that ties the output to this call
 * @param name the function name
 * @param arguments the arguments as a JSON text, as produced by the model (not necessarily
 * valid JSON)
 * @param status the item status, for example {@code completed}
 * @param raw the item as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
public record FunctionCall(@Nullable String id, String callId, String name, String arguments,
		@Nullable String status, RawJson raw) implements OutputItem {

	/**
	 * Create a function call from a tree.
	 * @param id the item id
	 * @param callId the call id
	 * @param name the function name
	 * @param arguments the arguments
	 * @param status the item status
	 * @param tree the item
	 */
	public FunctionCall(@Nullable String id, String callId, String name, String arguments, @Nullable String status,
			JsonNode tree) {
		this(id, callId, name, arguments, status, RawJson.of(tree));
	}

	@Override
	public String type() {
		return "function_call";
	}

}
