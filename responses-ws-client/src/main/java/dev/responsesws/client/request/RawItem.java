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

	@Override
	public JsonNode toJson() {
		return this.json.deepCopy();
	}

}
