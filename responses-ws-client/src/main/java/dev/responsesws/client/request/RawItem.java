package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * Any input item given as JSON, sent as it is: an output item of an earlier response being
 * replayed, a message with image parts, a reasoning item, or an item type added to the API
 * after this library was released.
 *
 * @param tree the item
 */
public record RawItem(JsonNode tree) implements InputItem {

	/**
	 * Create the item from a copy of the JSON.
	 * @param tree the JSON
	 */
	public RawItem {
		tree = tree.deepCopy();
	}

	@Override
	public JsonNode tree() {
		return this.tree.deepCopy();
	}

}
