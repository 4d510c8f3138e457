package dev.responsesws.client.request;

import tools.jackson.databind.JsonNode;

/**
 * An item of the {@code input} of a {@code response.create} request.
 *
 * <p>The common items are typed; {@link RawItem} carries any other item (an output item of an
 * earlier response being replayed, an image, a reasoning item, ...) as JSON.
 */
public sealed interface InputItem permits InputMessage, FunctionCallOutput, ItemReference, RawItem {

	/**
	 * Return the item as it goes on the wire.
	 * @return a new JSON object
	 */
	JsonNode toJson();

	/**
	 * Read an input item. An object that is exactly one of the typed shapes becomes that type;
	 * anything else becomes a {@link RawItem}, so nothing is lost.
	 * @param json the item
	 * @return the item
	 */
	static InputItem fromJson(JsonNode json) {
		if (json.isObject()) {
			InputItem typed = InputMessage.tryFromJson(json);
			if (typed == null) {
				typed = FunctionCallOutput.tryFromJson(json);
			}
			if (typed == null) {
				typed = ItemReference.tryFromJson(json);
			}
			if (typed != null) {
				return typed;
			}
		}
		return new RawItem(json);
	}

}
