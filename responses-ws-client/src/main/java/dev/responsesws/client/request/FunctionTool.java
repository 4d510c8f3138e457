package dev.responsesws.client.request;

import java.util.Set;

import dev.responsesws.client.internal.json.ProtocolJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A function the model may call:
 * {@code {"type":"function","name":...,"description":...,"parameters":{...},"strict":...}}.
 *
 * @param name the function name
 * @param description what the function does, for the model
 * @param parameters the JSON schema of the arguments
 * @param strict whether the model must follow the schema exactly; {@code null} leaves the
 * server default
 */
public record FunctionTool(String name, @Nullable String description, JsonNode parameters,
		@Nullable Boolean strict) implements Tool {

	private static final Set<String> FIELDS = Set.of("type", "name", "description", "parameters", "strict");

	/**
	 * Create a tool; the schema is copied.
	 * @param name the function name
	 * @param description what the function does
	 * @param parameters the JSON schema of the arguments
	 * @param strict whether the model must follow the schema exactly
	 */
	public FunctionTool {
		parameters = parameters.deepCopy();
	}

	@Override
	public JsonNode parameters() {
		return this.parameters.deepCopy();
	}

	/**
	 * Create a function tool whose parameters schema is given as JSON text.
	 * @param name the function name
	 * @param description what the function does
	 * @param parametersSchema the JSON schema of the arguments
	 * @return the tool
	 * @throws IllegalArgumentException if the schema is not a JSON object
	 */
	public static FunctionTool of(String name, String description, String parametersSchema) {
		JsonNode schema;
		try {
			schema = ProtocolJson.mapper().readTree(parametersSchema);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new IllegalArgumentException("The parameters schema of tool '" + name + "' is not valid JSON", ex);
		}
		if (!schema.isObject()) {
			throw new IllegalArgumentException("The parameters schema of tool '" + name + "' must be a JSON object");
		}
		return new FunctionTool(name, description, schema, null);
	}

	@Override
	public JsonNode tree() {
		ObjectNode node = ProtocolJson.mapper().createObjectNode();
		node.put("type", "function");
		node.put("name", this.name);
		if (this.description != null) {
			node.put("description", this.description);
		}
		node.set("parameters", this.parameters.deepCopy());
		if (this.strict != null) {
			node.put("strict", this.strict);
		}
		return node;
	}

	static @Nullable FunctionTool tryFromTree(JsonNode json) {
		JsonNode type = json.get("type");
		JsonNode name = json.get("name");
		JsonNode description = json.get("description");
		JsonNode parameters = json.get("parameters");
		JsonNode strict = json.get("strict");
		boolean shape = type != null && type.isString() && "function".equals(type.stringValue()) && name != null
				&& name.isString() && (description == null || description.isString()) && parameters != null
				&& parameters.isObject() && (strict == null || strict.isBoolean())
				&& FIELDS.containsAll(json.propertyNames());
		if (!shape) {
			return null;
		}
		return new FunctionTool(name.stringValue(), (description != null) ? description.stringValue() : null,
				parameters, (strict != null) ? strict.booleanValue() : null);
	}

}
