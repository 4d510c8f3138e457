package dev.responsesws.client.response;

import java.util.List;

import dev.responsesws.client.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message produced by the model.
 *
 * @param id the item id
 * @param role the role, normally {@code assistant}
 * @param status the item status, for example {@code completed}
 * @param content the content parts
 * @param json the item as received
 */
public record OutputMessage(@Nullable String id, String role, @Nullable String status, List<ContentPart> content,
		JsonNode json) implements OutputItem {

	@Override
	public String type() {
		return "message";
	}

	/**
	 * Return the concatenated text of the {@code output_text} parts.
	 * @return the text, empty when there is none
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		for (ContentPart part : this.content) {
			if ("output_text".equals(part.type()) && part.text() != null) {
				text.append(part.text());
			}
		}
		return text.toString();
	}

	static OutputMessage fromJson(JsonNode json) {
		String role = JsonValues.optionalString(json, "role");
		return new OutputMessage(JsonValues.optionalString(json, "id"), (role != null) ? role : "assistant",
				JsonValues.optionalString(json, "status"),
				JsonValues.optionalArray(json, "content", ContentPart::fromJson), json);
	}

}
