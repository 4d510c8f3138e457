package dev.responsesws.client.response;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An output item of a type the library does not model (web search, file search, code
 * interpreter, MCP, image generation, compaction, and types added later).
 *
 * @param type the item type
 * @param id the item id
 * @param raw the item as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
public record OtherOutputItem(String type, @Nullable String id, RawJson raw) implements OutputItem {

	/**
	 * Create an item from a tree.
	 * @param type the item type
	 * @param id the item id
	 * @param tree the item
	 */
	public OtherOutputItem(String type, @Nullable String id, JsonNode tree) {
		this(type, id, RawJson.of(tree));
	}

}
