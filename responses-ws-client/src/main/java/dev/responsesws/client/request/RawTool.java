package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * A tool given as JSON and sent as it is, for example {@code {"type":"web_search"}}.
 *
 * @param json the tool
 */
public record RawTool(JsonNode json) implements Tool {

	/**
	 * Create the item from a copy of the JSON.
	 * @param json the JSON
	 */
	public RawTool {
		json = json.deepCopy();
	}

	@Override
	public JsonNode json() {
		return this.json.deepCopy();
	}

	@Override
	public JsonNode toJson() {
		return this.json.deepCopy();
	}

}
