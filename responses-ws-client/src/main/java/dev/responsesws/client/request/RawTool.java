package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * A tool given as JSON and sent as it is, for example {@code {"type":"web_search"}}.
 *
 * @param json the tool
 */
public record RawTool(JsonNode json) implements Tool {

	@Override
	public JsonNode toJson() {
		return this.json.deepCopy();
	}

}
