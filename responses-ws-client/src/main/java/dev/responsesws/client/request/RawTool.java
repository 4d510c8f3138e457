package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * A tool given as JSON and sent as it is, for example {@code {"type":"web_search"}}.
 *
 * @param tree the tool
 */
public record RawTool(JsonNode tree) implements Tool {

	/**
	 * Create the tool from a copy of the JSON.
	 * @param tree the JSON
	 */
	public RawTool {
		tree = tree.deepCopy();
	}

	@Override
	public JsonNode tree() {
		return this.tree.deepCopy();
	}

}
