package dev.responsesws.client.response;

import dev.responsesws.client.internal.json.TokenValues;
import dev.responsesws.client.internal.response.ResponseReader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code error} of a response whose status is {@code failed}.
 *
 * @param code the error code, for example {@code server_error}
 * @param message the human-readable message
 */
public record ResponseError(@Nullable String code, @Nullable String message) {

	/**
	 * Read an {@code error} object of a response.
	 * @param json the object
	 * @return the error
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if a field has the wrong type
	 */
	public static ResponseError fromJson(JsonNode json) {
		return ResponseReader.fromTree(json, (parser, slices) -> {
			TokenValues.requireObject(parser, "response error");
			return ResponseReader.error(parser);
		});
	}

}
