package dev.responsesws.client.request;

import java.util.Set;

import dev.responsesws.client.internal.request.JsonObjects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reference to an item the server already knows: {@code {"type":"item_reference","id":"..."}}.
 *
 * @param id the item id
 */
public record ItemReference(String id) implements InputItem {

	private static final Set<String> FIELDS = Set.of("type", "id");

	@Override
	public JsonNode tree() {
		ObjectNode node = JsonObjects.ofType("item_reference");
		node.put("id", this.id);
		return node;
	}

	static @Nullable ItemReference tryFromTree(JsonNode json) {
		JsonNode type = json.get("type");
		JsonNode id = json.get("id");
		if (type != null && type.isString() && "item_reference".equals(type.stringValue()) && id != null
				&& id.isString() && FIELDS.containsAll(json.propertyNames())) {
			return new ItemReference(id.stringValue());
		}
		return null;
	}

}
