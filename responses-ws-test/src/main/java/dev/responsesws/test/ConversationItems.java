package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads conversation items (input and output items as JSON).
 */
final class ConversationItems {

	private ConversationItems() {
	}

	static List<JsonNode> ofType(List<JsonNode> items, String type) {
		List<JsonNode> result = new ArrayList<>();
		for (JsonNode item : items) {
			if (type.equals(item.path("type").asString(null))) {
				result.add(item);
			}
		}
		return result;
	}

	/** The text of a message whose content is a string or a list of text parts. */
	static @Nullable String text(JsonNode message) {
		JsonNode content = message.get("content");
		if (content == null) {
			return null;
		}
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			JsonNode partText = part.get("text");
			if (partText != null && partText.isString()) {
				text.append(partText.stringValue());
			}
		}
		return text.toString();
	}

	/** A rough token count: one token per four characters of the item's JSON, at least one. */
	static long tokens(JsonNode item) {
		return Math.max(1, item.toString().length() / 4);
	}

	static long tokens(List<JsonNode> items) {
		long total = 0;
		for (JsonNode item : items) {
			total += tokens(item);
		}
		return total;
	}

}
