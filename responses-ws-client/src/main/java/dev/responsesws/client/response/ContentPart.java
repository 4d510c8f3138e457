package dev.responsesws.client.response;

import dev.responsesws.client.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One part of the content of a message, for example {@code output_text} or {@code refusal}.
 *
 * @param type the part type
 * @param text the text of an {@code output_text} part, the refusal of a {@code refusal} part,
 * otherwise {@code null}
 * @param json the whole part as received
 */
public record ContentPart(String type, @Nullable String text, JsonNode json) {

	/**
	 * Read a content part.
	 * @param json the part object
	 * @return the part
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field has the wrong type
	 */
	public static ContentPart fromJson(JsonNode json) {
		JsonValues.requireObject(json, "content part");
		String type = JsonValues.string(json, "type");
		String text = switch (type) {
			case "output_text", "input_text" -> JsonValues.optionalString(json, "text");
			case "refusal" -> JsonValues.optionalString(json, "refusal");
			default -> null;
		};
		return new ContentPart(type, text, json);
	}

}
