package dev.responsesws.client.response;

import dev.responsesws.client.json.JsonValues;
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
 * @param json the item as received
 */
public record FunctionCall(@Nullable String id, String callId, String name, String arguments,
		@Nullable String status, JsonNode json) implements OutputItem {

	@Override
	public String type() {
		return "function_call";
	}

	static FunctionCall fromJson(JsonNode json) {
		String arguments = JsonValues.optionalString(json, "arguments");
		return new FunctionCall(JsonValues.optionalString(json, "id"), JsonValues.string(json, "call_id"),
				JsonValues.string(json, "name"), (arguments != null) ? arguments : "",
				JsonValues.optionalString(json, "status"), json);
	}

}
