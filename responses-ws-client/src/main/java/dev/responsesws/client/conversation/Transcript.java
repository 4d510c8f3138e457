package dev.responsesws.client.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import dev.responsesws.client.json.JsonValues;
import dev.responsesws.client.json.ProtocolJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of a conversation in order: every input item sent and every output item received,
 * as JSON, bounded in count and size. Replaying it as input rebuilds the whole context on a new
 * chain. Not thread-safe; guarded by its conversation.
 */
final class Transcript {

	static final int FORMAT_VERSION = 1;

	private final List<JsonNode> items = new ArrayList<>();

	private final int maxItems;

	private final long maxBytes;

	private long bytes;

	Transcript(int maxItems, long maxBytes) {
		this.maxItems = maxItems;
		this.maxBytes = maxBytes;
	}

	void checkRoom(List<JsonNode> more) {
		long added = 0;
		for (JsonNode item : more) {
			added += item.toString().length();
		}
		int count = this.items.size() + more.size();
		if (count > this.maxItems || this.bytes + added > this.maxBytes) {
			throw new TranscriptLimitExceededException(count, this.bytes + added, this.maxItems, this.maxBytes);
		}
	}

	void addAll(List<JsonNode> more) {
		checkRoom(more);
		for (JsonNode item : more) {
			this.items.add(item.deepCopy());
			this.bytes += item.toString().length();
		}
	}

	List<JsonNode> items() {
		return Collections.unmodifiableList(this.items);
	}

	int size() {
		return this.items.size();
	}

	String export(@Nullable String lastResponseId) {
		ObjectNode root = ProtocolJson.mapper().createObjectNode();
		root.put("version", FORMAT_VERSION);
		root.put("last_response_id", lastResponseId);
		ArrayNode array = root.putArray("items");
		this.items.forEach((item) -> array.add(item.deepCopy()));
		return root.toString();
	}

	/**
	 * Read an exported transcript.
	 * @return the last response id of the export, if any
	 */
	@Nullable String restore(String json) {
		JsonNode root;
		try {
			root = ProtocolJson.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("The transcript is not valid JSON: " + ex.getOriginalMessage(), json, ex);
		}
		JsonValues.requireObject(root, "transcript");
		long version = JsonValues.optionalLong(root, "version", -1);
		if (version != FORMAT_VERSION) {
			throw new ProtocolDecodingException("Unsupported transcript version " + version + "; expected "
					+ FORMAT_VERSION, json, null);
		}
		List<JsonNode> restored = JsonValues.optionalArray(root, "items",
				(item) -> JsonValues.requireObject(item, "transcript item"));
		addAll(restored);
		return JsonValues.optionalString(root, "last_response_id");
	}

}
