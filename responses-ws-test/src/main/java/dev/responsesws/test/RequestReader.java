package dev.responsesws.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body the way the API does, without any client's codec: every top-level
 * parameter must be one the API knows on that transport ({@code unknown_parameter}, unless
 * lenient), every known parameter must have its type ({@code invalid_type}), {@code model} is
 * required ({@code missing_required_parameter}), and tools and input items must have the fields
 * the server needs.
 */
final class RequestReader {

	/** The parameters of {@code POST /v1/responses} the simulator knows on both transports. */
	private static final Map<String, Kind> COMMON = common();

	/** Known over WebSocket only; {@code type} is checked before reading. */
	private static final Map<String, Kind> WEBSOCKET_ONLY = Map.of("type", Kind.ANY, "generate", Kind.BOOLEAN,
			"stream_id", Kind.ANY);

	/** Known over HTTP only. */
	private static final Map<String, Kind> HTTP_ONLY = Map.of("stream", Kind.BOOLEAN, "background", Kind.BOOLEAN);

	/** Parameters the API refuses in WebSocket mode: streaming is implicit, background unsupported. */
	private static final Set<String> REFUSED_OVER_WEBSOCKET = Set.of("stream", "background");

	private RequestReader() {
	}

	private static Map<String, Kind> common() {
		Map<String, Kind> kinds = new LinkedHashMap<>();
		kinds.put("model", Kind.STRING);
		kinds.put("input", Kind.STRING_OR_ARRAY);
		kinds.put("instructions", Kind.STRING);
		kinds.put("tools", Kind.ARRAY);
		kinds.put("tool_choice", Kind.STRING_OR_OBJECT);
		kinds.put("parallel_tool_calls", Kind.BOOLEAN);
		kinds.put("max_tool_calls", Kind.INTEGER);
		kinds.put("reasoning", Kind.OBJECT);
		kinds.put("include", Kind.ARRAY);
		kinds.put("store", Kind.BOOLEAN);
		kinds.put("previous_response_id", Kind.STRING);
		kinds.put("conversation", Kind.STRING_OR_OBJECT);
		kinds.put("text", Kind.OBJECT);
		kinds.put("max_output_tokens", Kind.INTEGER);
		kinds.put("metadata", Kind.OBJECT);
		kinds.put("prompt", Kind.OBJECT);
		kinds.put("prompt_cache_key", Kind.STRING);
		kinds.put("prompt_cache_retention", Kind.STRING);
		kinds.put("safety_identifier", Kind.STRING);
		kinds.put("service_tier", Kind.STRING);
		kinds.put("temperature", Kind.NUMBER);
		kinds.put("top_p", Kind.NUMBER);
		kinds.put("top_logprobs", Kind.INTEGER);
		kinds.put("truncation", Kind.STRING);
		kinds.put("user", Kind.STRING);
		kinds.put("stream_options", Kind.OBJECT);
		kinds.put("context_management", Kind.ANY);
		return Map.copyOf(kinds);
	}

	/**
	 * Read a request.
	 * @param body the body, a JSON object; over WebSocket the whole message
	 * @param transport how it came
	 * @param strict whether unknown parameters are refused
	 * @return the request or why it is refused
	 */
	static Outcome read(ObjectNode body, Transport transport, boolean strict) {
		try {
			return new Outcome.Read(readChecked(body, transport, strict));
		}
		catch (Refusal refusal) {
			return new Outcome.Refused(refusal.error, refusal.param);
		}
	}

	private static SimulatedRequest readChecked(ObjectNode body, Transport transport, boolean strict) {
		boolean webSocket = transport == Transport.WEBSOCKET;
		for (String name : body.propertyNames()) {
			if (webSocket && REFUSED_OVER_WEBSOCKET.contains(name)) {
				throw new Refusal("unsupported_parameter",
						"The '" + name + "' parameter is not supported in WebSocket mode.", name);
			}
			Kind kind = kindOf(name, webSocket);
			if (kind == null) {
				if (strict) {
					throw new Refusal("unknown_parameter", "Unknown parameter: '" + name + "'.", name);
				}
				continue;
			}
			kind.check(name, body.get(name));
		}
		String model = string(body, "model");
		if (model == null) {
			throw new Refusal("missing_required_parameter", "Missing required parameter: 'model'.", "model");
		}
		List<JsonNode> tools = tools(body.get("tools"));
		Map<String, String> metadata = new LinkedHashMap<>();
		JsonNode metadataNode = body.get("metadata");
		if (metadataNode != null && metadataNode.isObject()) {
			for (Map.Entry<String, JsonNode> entry : metadataNode.properties()) {
				Kind.STRING.check("metadata." + entry.getKey(), entry.getValue());
				metadata.put(entry.getKey(), entry.getValue().asString(""));
			}
		}
		JsonNode include = body.get("include");
		if (include != null && include.isArray()) {
			for (int i = 0; i < include.size(); i++) {
				Kind.STRING.check("include[" + i + "]", include.get(i));
			}
		}
		JsonNode streamId = webSocket ? body.get("stream_id") : null;
		return new SimulatedRequest(body, model, string(body, "instructions"), input(body.get("input")), tools,
				toolChoice(body.get("tool_choice")), string(body, "previous_response_id"), bool(body, "store"),
				webSocket ? bool(body, "generate") : null,
				(streamId != null && streamId.isString()) ? streamId.stringValue() : null, metadata,
				bool(body, "parallel_tool_calls"));
	}

	private static @Nullable Kind kindOf(String name, boolean webSocket) {
		Kind kind = COMMON.get(name);
		if (kind == null) {
			kind = (webSocket ? WEBSOCKET_ONLY : HTTP_ONLY).get(name);
		}
		return kind;
	}

	private static List<JsonNode> input(@Nullable JsonNode input) {
		if (input == null || input.isNull()) {
			return List.of();
		}
		if (input.isString()) {
			ObjectNode message = JsonMapper.shared().createObjectNode();
			message.put("type", "message");
			message.put("role", "user");
			message.put("content", input.stringValue());
			return List.of(message);
		}
		List<JsonNode> items = new ArrayList<>(input.size());
		for (int i = 0; i < input.size(); i++) {
			JsonNode item = input.get(i);
			String param = "input[" + i + "]";
			Kind.OBJECT.check(param, item);
			if ("function_call_output".equals(item.path("type").asString(null))) {
				required(item, "call_id", param);
				Kind.STRING.check(param + ".call_id", item.get("call_id"));
				required(item, "output", param);
			}
			else if ("function_call".equals(item.path("type").asString(null))) {
				for (String field : new String[] { "call_id", "name", "arguments" }) {
					required(item, field, param);
					Kind.STRING.check(param + "." + field, item.get(field));
				}
			}
			items.add(item);
		}
		return items;
	}

	private static List<JsonNode> tools(@Nullable JsonNode tools) {
		if (tools == null || tools.isNull()) {
			return List.of();
		}
		List<JsonNode> result = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			JsonNode tool = tools.get(i);
			String param = "tools[" + i + "]";
			Kind.OBJECT.check(param, tool);
			required(tool, "type", param);
			Kind.STRING.check(param + ".type", tool.get("type"));
			if ("function".equals(tool.get("type").stringValue())) {
				required(tool, "name", param);
				Kind.STRING.check(param + ".name", tool.get("name"));
				JsonNode parameters = tool.get("parameters");
				if (parameters != null && !parameters.isNull()) {
					Kind.OBJECT.check(param + ".parameters", parameters);
				}
			}
			result.add(tool);
		}
		return result;
	}

	private static ToolChoice toolChoice(@Nullable JsonNode choice) {
		if (choice == null || choice.isNull()) {
			return ToolChoice.AUTO;
		}
		if (choice.isString()) {
			return switch (choice.stringValue()) {
				case "none" -> new ToolChoice(ToolChoice.Mode.NONE, null);
				case "auto" -> ToolChoice.AUTO;
				case "required" -> new ToolChoice(ToolChoice.Mode.REQUIRED, null);
				default -> throw new Refusal("invalid_value", "Invalid value: '" + choice.stringValue()
						+ "'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice");
			};
		}
		String type = choice.path("type").asString("");
		if (type.equals("function")) {
			required(choice, "name", "tool_choice");
			Kind.STRING.check("tool_choice.name", choice.get("name"));
			return new ToolChoice(ToolChoice.Mode.FUNCTION, choice.get("name").stringValue());
		}
		if (type.equals("allowed_tools") && "required".equals(choice.path("mode").asString(null))) {
			return new ToolChoice(ToolChoice.Mode.REQUIRED, null);
		}
		return ToolChoice.AUTO;
	}

	private static void required(JsonNode object, String field, String param) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			String name = param + "." + field;
			throw new Refusal("missing_required_parameter", "Missing required parameter: '" + name + "'.", name);
		}
	}

	private static @Nullable String string(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static @Nullable Boolean bool(JsonNode body, String name) {
		JsonNode value = body.get(name);
		return (value != null && value.isBoolean()) ? value.booleanValue() : null;
	}

	/**
	 * The JSON types of parameters; {@code null} is accepted for every optional parameter.
	 */
	private enum Kind {

		STRING("a string"), BOOLEAN("a boolean"), INTEGER("an integer"), NUMBER("a number"), OBJECT("an object"),
		ARRAY("an array"), STRING_OR_ARRAY("a string or an array"), STRING_OR_OBJECT("a string or an object"),
		ANY("any value");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

		void check(String param, @Nullable JsonNode value) {
			if (value == null || value.isNull() || accepts(value)) {
				return;
			}
			throw new Refusal("invalid_type", "Invalid type for '" + param + "': expected " + this.description
					+ ", but got " + typeOf(value) + " instead.", param);
		}

		private boolean accepts(JsonNode value) {
			return switch (this) {
				case STRING -> value.isString();
				case BOOLEAN -> value.isBoolean();
				case INTEGER -> value.isIntegralNumber();
				case NUMBER -> value.isNumber();
				case OBJECT -> value.isObject();
				case ARRAY -> value.isArray();
				case STRING_OR_ARRAY -> value.isString() || value.isArray();
				case STRING_OR_OBJECT -> value.isString() || value.isObject();
				case ANY -> true;
			};
		}

		private static String typeOf(JsonNode value) {
			if (value.isString()) {
				return "a string";
			}
			if (value.isBoolean()) {
				return "a boolean";
			}
			if (value.isIntegralNumber()) {
				return "an integer";
			}
			if (value.isNumber()) {
				return "a decimal";
			}
			return value.isArray() ? "an array" : "an object";
		}

	}

	/**
	 * The outcome of reading a request.
	 */
	sealed interface Outcome {

		/**
		 * The request is valid.
		 * @param request the request
		 */
		record Read(SimulatedRequest request) implements Outcome {
		}

		/**
		 * The request is refused before it runs.
		 * @param error the error
		 * @param param the parameter it is about
		 */
		record Refused(OutputPlan.ErrorReply error, @Nullable String param) implements Outcome {
		}

	}

	private static final class Refusal extends RuntimeException {

		private final OutputPlan.ErrorReply error;

		private final String param;

		Refusal(String code, String message, String param) {
			super(message, null, false, false);
			this.error = ErrorBodies.invalidRequest(code, message);
			this.param = param;
		}

	}

}
