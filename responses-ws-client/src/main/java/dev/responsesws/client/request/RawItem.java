package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * Any input item given as JSON, sent as it is: an output item of an earlier response being
 * replayed, a message with image parts, a reasoning item, or an item type added to the API
 * after this library was released.
 *
 * @param json the item
 */
public record RawItem(JsonNode json) implements InputItem {

	/**
	 * Create the item from a copy of the JSON.
	 * @param json the JSON
	 */
	public RawItem {
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
