package dev.responsesws.client.request;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.request.JsonObjects;
import tools.jackson.databind.JsonNode;

/**
 * An item of the {@code input} of a {@code response.create} request.
 *
 * <p>The common items are typed; {@link RawItem} carries any other item (an output item of an
 * earlier response being replayed, an image, a reasoning item, ...) as JSON.
 */
public sealed interface InputItem permits InputMessage, FunctionCallOutput, ItemReference, RawItem {

	/**
	 * Return the item as it goes on the wire, as JSON text.
	 * @return the JSON text
	 */
	default String json() {
		return ProtocolJson.mapper().writeValueAsString(tree());
	}

	/**
	 * Return the item as it goes on the wire.
	 * @return a new JSON object, which the caller may modify
	 */
	JsonNode tree();

	/**
	 * Read an input item from JSON text.
	 * @param json the item's text
	 * @return the item
	 * @throws ProtocolDecodingException if the text is not valid JSON
	 * @see #fromTree(JsonNode)
	 */
	static InputItem fromJson(String json) {
		return fromTree(JsonObjects.parse(json, "input item"));
	}

	/**
	 * Read an input item. An object that is exactly one of the typed shapes becomes that type;
	 * anything else becomes a {@link RawItem}, so nothing is lost.
	 * @param tree the item
	 * @return the item
	 */
	static InputItem fromTree(JsonNode tree) {
		if (tree.isObject()) {
			InputItem typed = InputMessage.tryFromTree(tree);
			if (typed == null) {
				typed = FunctionCallOutput.tryFromTree(tree);
			}
			if (typed == null) {
				typed = ItemReference.tryFromTree(tree);
			}
			if (typed != null) {
				return typed;
			}
		}
		return new RawItem(tree);
	}

}
