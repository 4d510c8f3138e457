package dev.responsesws.client.response;

import java.util.List;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message produced by the model.
 *
 * @param id the item id
 * @param role the role, normally {@code assistant}
 * @param status the item status, for example {@code completed}
 * @param content the content parts
 * @param raw the item as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
public record OutputMessage(@Nullable String id, String role, @Nullable String status, List<ContentPart> content,
		RawJson raw) implements OutputItem {

	/**
	 * Create a message from a tree.
	 * @param id the item id
	 * @param role the role
	 * @param status the item status
	 * @param content the content parts
	 * @param tree the item
	 */
	public OutputMessage(@Nullable String id, String role, @Nullable String status, List<ContentPart> content,
			JsonNode tree) {
		this(id, role, status, content, RawJson.of(tree));
	}

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

}
