package dev.responsesws.client.response;

import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An item of a response's output: a message, a function call, a reasoning item, or any other
 * kind of item the server produces.
 *
 * <p>Every item keeps the JSON it was read from, so it can be sent back verbatim as input of a
 * later turn (which is how a transcript is replayed on a new chain).
 */
public sealed interface OutputItem permits OutputMessage, FunctionCall, ReasoningItem, OtherOutputItem {

	/**
	 * Return the item type, for example {@code message} or {@code function_call}.
	 * @return the type
	 */
	String type();

	/**
	 * Return the item id assigned by the server.
	 * @return the id, or {@code null} if the server sent none
	 */
	@Nullable String id();

	/**
	 * Return the item as received, as a tree built the first time it is asked for.
	 * @return the JSON object
	 */
	JsonNode json();

	/**
	 * Return the item as received, as text.
	 * @return the JSON object
	 */
	RawJson raw();

	/**
	 * Read an output item.
	 * @param json the item object
	 * @return the typed item, {@link OtherOutputItem} for types the library does not model
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field the library reads has the wrong type
	 */
	static OutputItem fromJson(JsonNode json) {
		return ResponseReader.fromTree(json, ResponseReader::outputItem);
	}

}
