package dev.responsesws.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the output items and parts of a response in the shapes the API sends: a message with
 * its {@code output_text} parts (which carry {@code annotations} and {@code logprobs}), a
 * function call, and a reasoning item with its summary parts.
 */
final class OutputItems {

	private OutputItems() {
	}

	/**
	 * A message item.
	 * @param text the text of its single part, or {@code null} for a message just started (no
	 * part yet)
	 */
	static ObjectNode message(String id, String status, @Nullable String text) {
		ObjectNode item = JsonMapper.shared().createObjectNode();
		item.put("id", id);
		item.put("type", "message");
		item.put("status", status);
		item.put("role", "assistant");
		ArrayNode content = item.putArray("content");
		if (text != null) {
			content.add(textPart(text));
		}
		return item;
	}

	static ObjectNode textPart(String text) {
		ObjectNode part = JsonMapper.shared().createObjectNode();
		part.put("type", "output_text");
		part.putArray("annotations");
		part.putArray("logprobs");
		part.put("text", text);
		return part;
	}

	static ObjectNode summaryPart(String text) {
		ObjectNode part = JsonMapper.shared().createObjectNode();
		part.put("type", "summary_text");
		part.put("text", text);
		return part;
	}

	static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
		ObjectNode item = JsonMapper.shared().createObjectNode();
		item.put("id", id);
		item.put("type", "function_call");
		item.put("status", status);
		item.put("arguments", arguments);
		item.put("call_id", callId);
		item.put("name", name);
		return item;
	}

	/**
	 * A reasoning item.
	 * @param summary the text of its single summary part, or {@code null} for an item just
	 * started (no part yet)
	 */
	static ObjectNode reasoning(String id, @Nullable String summary) {
		ObjectNode item = JsonMapper.shared().createObjectNode();
		item.put("id", id);
		item.put("type", "reasoning");
		ArrayNode parts = item.putArray("summary");
		if (summary != null) {
			parts.add(summaryPart(summary));
		}
		return item;
	}

}
