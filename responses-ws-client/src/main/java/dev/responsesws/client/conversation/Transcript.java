package dev.responsesws.client.conversation;

import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.TranscriptLimitExceededException;
import dev.responsesws.client.internal.json.JsonValues;
import dev.responsesws.client.internal.json.ProtocolJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of a conversation in order: every input item sent and every output item received,
 * each kept as its own UTF-8 JSON text, bounded in count and size. Items are parsed only when
 * the transcript is replayed, read or exported, so a conversation whose chain holds costs no
 * tree per turn. Replaying it as input rebuilds the whole context on a new chain. Not
 * thread-safe; guarded by its conversation.
 */
final class Transcript {

	static final int FORMAT_VERSION = 1;

	private final List<byte[]> items = new ArrayList<>();

	private final int maxItems;

	private final long maxBytes;

	private long bytes;

	Transcript(int maxItems, long maxBytes) {
		this.maxItems = maxItems;
		this.maxBytes = maxBytes;
	}

	/**
	 * Encode items for {@link #checkRoom(List)} and {@link #addAll(List)}.
	 * @param items the items as trees
	 * @return their UTF-8 texts
	 */
	static List<byte[]> encode(List<JsonNode> items) {
		List<byte[]> encoded = new ArrayList<>(items.size());
		for (JsonNode item : items) {
			encoded.add(ProtocolJson.mapper().writeValueAsBytes(item));
		}
		return encoded;
	}

	void checkRoom(List<byte[]> more) {
		long added = 0;
		for (byte[] item : more) {
			added += item.length;
		}
		int count = this.items.size() + more.size();
		if (count > this.maxItems || this.bytes + added > this.maxBytes) {
			throw new TranscriptLimitExceededException(count, this.bytes + added, this.maxItems, this.maxBytes);
		}
	}

	/**
	 * Add items, which the transcript then owns.
	 * @param more the items' UTF-8 texts, not to be changed afterwards
	 */
	void addAll(List<byte[]> more) {
		checkRoom(more);
		for (byte[] item : more) {
			this.items.add(item);
			this.bytes += item.length;
		}
	}

	/**
	 * Return the items, parsed.
	 * @return new trees
	 */
	List<JsonNode> items() {
		List<JsonNode> trees = new ArrayList<>(this.items.size());
		for (byte[] item : this.items) {
			trees.add(ProtocolJson.mapper().readTree(item));
		}
		return trees;
	}

	int size() {
		return this.items.size();
	}

	/**
	 * Replace the items with those of an exported transcript.
	 * @return the last response id of the export, if any
	 */
	@Nullable String replaceWith(String json) {
		Transcript read = new Transcript(this.maxItems, this.maxBytes);
		String lastResponseId = read.restore(json);
		this.items.clear();
		this.items.addAll(read.items);
		this.bytes = read.bytes;
		return lastResponseId;
	}

	String export(@Nullable String lastResponseId) {
		ObjectNode root = ProtocolJson.mapper().createObjectNode();
		root.put("version", FORMAT_VERSION);
		root.put("last_response_id", lastResponseId);
		ArrayNode array = root.putArray("items");
		items().forEach(array::add);
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
		addAll(encode(restored));
		return JsonValues.optionalString(root, "last_response_id");
	}

}
