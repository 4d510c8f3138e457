package dev.responsesws.client.response;

import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.TokenValues;
import dev.responsesws.client.internal.response.ResponseReader;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * The {@code error} of a response whose status is {@code failed}.
 *
 * @param code the error code, for example {@code server_error}
 * @param message the human-readable message
 */
public record ResponseError(@Nullable String code, @Nullable String message) {

	/**
	 * Read an {@code error} object of a response from JSON text.
	 * @param json the object's text
	 * @return the response error
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object or a
	 * field has the wrong type
	 */
	public static ResponseError fromJson(String json) {
		return ResponseReader.fromJson(json, ResponseError::read);
	}

	/**
	 * Read an {@code error} object of a response from a tree.
	 * @param tree the object
	 * @return the response error
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object or a
	 * field has the wrong type
	 */
	public static ResponseError fromTree(JsonNode tree) {
		return ResponseReader.fromTree(tree, ResponseError::read);
	}

	private static ResponseError read(JsonParser parser, JsonSlices slices) {
		TokenValues.requireObject(parser, "response error");
		return ResponseReader.error(parser);
	}

}
