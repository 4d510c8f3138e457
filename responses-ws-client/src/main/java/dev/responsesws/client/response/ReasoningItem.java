package dev.responsesws.client.response;

import java.util.List;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A reasoning item; its summary texts are readable, its content may be encrypted.
 *
 * @param id the item id
 * @param summary the texts of the {@code summary_text} parts
 * @param raw the item as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
public record ReasoningItem(@Nullable String id, List<String> summary, RawJson raw) implements OutputItem {

	/**
	 * Create a reasoning item from a tree.
	 * @param id the item id
	 * @param summary the summary texts
	 * @param tree the item
	 */
	public ReasoningItem(@Nullable String id, List<String> summary, JsonNode tree) {
		this(id, summary, RawJson.of(tree));
	}

	@Override
	public String type() {
		return "reasoning";
	}

}
