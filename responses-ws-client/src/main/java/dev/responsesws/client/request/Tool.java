package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * A tool the model may use: a {@link FunctionTool} the application executes, or any other tool
 * (web search, file search, MCP, ...) given as JSON in a {@link RawTool}.
 */
public sealed interface Tool permits FunctionTool, RawTool {

	/**
	 * Return the tool as it goes on the wire.
	 * @return a new JSON object
	 */
	JsonNode toJson();

	/**
	 * Read a tool. An object that is exactly a function tool becomes a {@link FunctionTool};
	 * anything else becomes a {@link RawTool}.
	 * @param json the tool
	 * @return the tool
	 */
	static Tool fromJson(JsonNode json) {
		FunctionTool function = json.isObject() ? FunctionTool.tryFromJson(json) : null;
		return (function != null) ? function : new RawTool(json);
	}

}
