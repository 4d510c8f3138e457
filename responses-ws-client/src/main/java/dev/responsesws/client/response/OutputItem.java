package dev.responsesws.client.response;

import dev.responsesws.client.internal.response.ReceivedJsonSerializer;
import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An item of a response's output: a message, a function call, a reasoning item, or any other
 * kind of item the server produces.
 *
 * <p>Every item keeps the JSON it was read from, so it can be sent back verbatim as input of a
 * later turn (which is how a transcript is replayed on a new chain). Jackson writes an item as
 * that JSON too.
 */
@JsonSerialize(using = ReceivedJsonSerializer.class)
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
	 * Return the item as received, as JSON text.
	 * @return the JSON object's text
	 */
	default String json() {
		return raw().json();
	}

	/**
	 * Return the item as received, as a tree built the first time it is asked for.
	 * @return the JSON object; it is shared, so it should not be modified
	 */
	default JsonNode tree() {
		return raw().tree();
	}

	/**
	 * Return the item as received.
	 * @return the JSON object
	 */
	RawJson raw();

	/**
	 * Read an output item from JSON text.
	 * @param json the item object's text
	 * @return the typed item, {@link OtherOutputItem} for types the library does not model
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field the library reads has the wrong type
	 */
	static OutputItem fromJson(String json) {
		return ResponseReader.fromJson(json, ResponseReader::outputItem);
	}

	/**
	 * Read an output item from a tree.
	 * @param tree the item object
	 * @return the typed item, {@link OtherOutputItem} for types the library does not model
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field the library reads has the wrong type
	 */
	static OutputItem fromTree(JsonNode tree) {
		return ResponseReader.fromTree(tree, ResponseReader::outputItem);
	}

}
