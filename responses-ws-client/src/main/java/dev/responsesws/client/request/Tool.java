package dev.responsesws.client.request;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.request.JsonObjects;
import tools.jackson.databind.JsonNode;

/**
 * A tool the model may use: a {@link FunctionTool} the application executes, or any other tool
 * (web search, file search, MCP, ...) given as JSON in a {@link RawTool}.
 */
public sealed interface Tool permits FunctionTool, RawTool {

	/**
	 * Return the tool as it goes on the wire, as JSON text.
	 * @return the JSON text
	 */
	default String json() {
		return ProtocolJson.mapper().writeValueAsString(tree());
	}

	/**
	 * Return the tool as it goes on the wire.
	 * @return a new JSON object, which the caller may modify
	 */
	JsonNode tree();

	/**
	 * Read a tool from JSON text.
	 * @param json the tool's text
	 * @return the tool
	 * @throws ProtocolDecodingException if the text is not valid JSON
	 * @see #fromTree(JsonNode)
	 */
	static Tool fromJson(String json) {
		return fromTree(JsonObjects.parse(json, "tool"));
	}

	/**
	 * Read a tool. An object that is exactly a function tool becomes a {@link FunctionTool};
	 * anything else becomes a {@link RawTool}.
	 * @param tree the tool
	 * @return the tool
	 */
	static Tool fromTree(JsonNode tree) {
		FunctionTool function = tree.isObject() ? FunctionTool.tryFromTree(tree) : null;
		return (function != null) ? function : new RawTool(tree);
	}

}
