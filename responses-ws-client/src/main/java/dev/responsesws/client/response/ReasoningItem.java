package dev.responsesws.client.response;

import java.util.List;

import dev.responsesws.client.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A reasoning item; its summary texts are readable, its content may be encrypted.
 *
 * @param id the item id
 * @param summary the texts of the {@code summary_text} parts
 * @param json the item as received
 */
public record ReasoningItem(@Nullable String id, List<String> summary, JsonNode json) implements OutputItem {

	@Override
	public String type() {
		return "reasoning";
	}

	static ReasoningItem fromJson(JsonNode json) {
		List<String> summary = JsonValues.optionalArray(json, "summary", (part) -> {
			JsonValues.requireObject(part, "summary part");
			String text = JsonValues.optionalString(part, "text");
			return (text != null) ? text : "";
		});
		return new ReasoningItem(JsonValues.optionalString(json, "id"), summary, json);
	}

}
