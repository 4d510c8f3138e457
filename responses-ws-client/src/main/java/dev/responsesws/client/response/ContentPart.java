package dev.responsesws.client.response;

import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One part of the content of a message, for example {@code output_text} or {@code refusal}.
 *
 * @param type the part type
 * @param text the text of an {@code output_text} part, the refusal of a {@code refusal} part,
 * otherwise {@code null}
 * @param raw the whole part as received, parsed into a tree by {@link #json()}
 */
public record ContentPart(String type, @Nullable String text, RawJson raw) {

	/**
	 * Create a part from a tree.
	 * @param type the part type
	 * @param text the text
	 * @param json the whole part
	 */
	public ContentPart(String type, @Nullable String text, JsonNode json) {
		this(type, text, RawJson.of(json));
	}

	/**
	 * Return the part as received, as a tree built the first time it is asked for.
	 * @return the JSON object
	 */
	public JsonNode json() {
		return this.raw.tree();
	}

	/**
	 * Read a content part.
	 * @param json the part object
	 * @return the part
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field has the wrong type
	 */
	public static ContentPart fromJson(JsonNode json) {
		return ResponseReader.fromTree(json, ResponseReader::contentPart);
	}

}
