package dev.responsesws.client.request;

import java.util.Set;

import dev.responsesws.client.internal.request.JsonObjects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a function call, sent back to the model:
 * {@code {"type":"function_call_output","call_id":"...","output":"..."}}.
 *
 * @param callId the {@code call_id} of the function call it answers
 * @param output the output text (often JSON)
 */
public record FunctionCallOutput(String callId, String output) implements InputItem {

	private static final Set<String> FIELDS = Set.of("type", "call_id", "output");

	@Override
	public JsonNode tree() {
		ObjectNode node = JsonObjects.ofType("function_call_output");
		node.put("call_id", this.callId);
		node.put("output", this.output);
		return node;
	}

	static @Nullable FunctionCallOutput tryFromTree(JsonNode json) {
		JsonNode type = json.get("type");
		JsonNode callId = json.get("call_id");
		JsonNode output = json.get("output");
		if (type != null && type.isString() && "function_call_output".equals(type.stringValue()) && callId != null
				&& callId.isString() && output != null && output.isString()
				&& FIELDS.containsAll(json.propertyNames())) {
			return new FunctionCallOutput(callId.stringValue(), output.stringValue());
		}
		return null;
	}

}
