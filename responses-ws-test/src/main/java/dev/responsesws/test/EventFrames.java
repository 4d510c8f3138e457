package dev.responsesws.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the event frames of one response, numbering them from 0 and tagging them with the
 * lane. Delta frames, the bulk of a stream, are written directly as text; the rest are built as
 * trees. As on the API, text deltas carry {@code logprobs} and every delta an
 * {@code obfuscation} string (the API's pads each frame to hide the size of its token; the
 * simulator's has a fixed length, which keeps the frames of a long stream alike).
 */
final class EventFrames {

	private static final String OBFUSCATION = "Xq7ZpT2mL";

	private final @Nullable String streamId;

	private long sequence;

	EventFrames(@Nullable String streamId) {
		this.streamId = streamId;
	}

	ObjectNode event(String type) {
		ObjectNode event = JsonMapper.shared().createObjectNode();
		event.put("type", type);
		event.put("sequence_number", this.sequence++);
		if (this.streamId != null) {
			event.put("stream_id", this.streamId);
		}
		return event;
	}

	String response(String type, JsonNode response) {
		ObjectNode event = event(type);
		event.set("response", response);
		return event.toString();
	}

	String item(String type, int outputIndex, JsonNode item) {
		ObjectNode event = event(type);
		event.put("output_index", outputIndex);
		event.set("item", item);
		return event.toString();
	}

	/**
	 * A delta event: {@code output_text.delta}, {@code function_call_arguments.delta} or
	 * {@code reasoning_summary_text.delta}.
	 * @param indexName {@code content_index}, {@code summary_index}, or {@code null} for none
	 */
	String delta(String type, String itemId, int outputIndex, @Nullable String indexName, String delta) {
		StringBuilder frame = new StringBuilder(160 + delta.length());
		frame.append("{\"type\":\"").append(type).append("\",\"sequence_number\":").append(this.sequence++);
		if (this.streamId != null) {
			frame.append(",\"stream_id\":\"").append(this.streamId).append('"');
		}
		frame.append(",\"item_id\":\"").append(itemId).append("\",\"output_index\":").append(outputIndex);
		if (indexName != null) {
			frame.append(",\"").append(indexName).append("\":0");
		}
		frame.append(",\"delta\":\"");
		JsonStringEncoder.getInstance().quoteAsString(delta, frame);
		frame.append('"');
		if ("content_index".equals(indexName)) {
			frame.append(",\"logprobs\":[]");
		}
		return frame.append(",\"obfuscation\":\"").append(OBFUSCATION).append("\"}").toString();
	}

	ObjectNode itemEvent(String type, String itemId, int outputIndex) {
		ObjectNode event = event(type);
		event.put("item_id", itemId);
		event.put("output_index", outputIndex);
		return event;
	}

}
