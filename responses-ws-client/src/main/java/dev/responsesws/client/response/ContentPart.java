package dev.responsesws.client.response;

import dev.responsesws.client.internal.response.ReceivedJsonSerializer;
import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One part of the content of a message, for example {@code output_text} or {@code refusal}, or
 * of the summary of a reasoning item ({@code summary_text}).
 *
 * @param type the part type
 * @param text the text of an {@code output_text}, {@code input_text} or {@code summary_text}
 * part, the refusal of a {@code refusal} part, otherwise {@code null}
 * @param raw the whole part as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
@JsonSerialize(using = ReceivedJsonSerializer.class)
public record ContentPart(String type, @Nullable String text, RawJson raw) {

	/**
	 * Create a part from a tree.
	 * @param type the part type
	 * @param text the text
	 * @param tree the whole part
	 */
	public ContentPart(String type, @Nullable String text, JsonNode tree) {
		this(type, text, RawJson.of(tree));
	}

	/**
	 * Return the part as received, as JSON text. Jackson writes a part as this JSON too.
	 * @return the JSON object's text
	 */
	public String json() {
		return this.raw.json();
	}

	/**
	 * Return the part as received, as a tree built the first time it is asked for.
	 * @return the JSON object; it is shared, so it should not be modified
	 */
	public JsonNode tree() {
		return this.raw.tree();
	}

	/**
	 * Read a content part from JSON text.
	 * @param json the part object's text
	 * @return the part
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field has the wrong type
	 */
	public static ContentPart fromJson(String json) {
		return ResponseReader.fromJson(json, ResponseReader::contentPart);
	}

	/**
	 * Read a content part from a tree.
	 * @param tree the part object
	 * @return the part
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with a
	 * {@code type}, or a field has the wrong type
	 */
	public static ContentPart fromTree(JsonNode tree) {
		return ResponseReader.fromTree(tree, ResponseReader::contentPart);
	}

}
