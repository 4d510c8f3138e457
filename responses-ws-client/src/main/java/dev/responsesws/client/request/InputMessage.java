package dev.responsesws.client.request;

import java.util.Set;

import dev.responsesws.client.internal.request.JsonObjects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A text message in the input: {@code {"type":"message","role":"user","content":"..."}}.
 *
 * @param role {@code user}, {@code assistant}, {@code system} or {@code developer}
 * @param text the message text
 */
public record InputMessage(String role, String text) implements InputItem {

	private static final Set<String> FIELDS = Set.of("type", "role", "content");

	/**
	 * Create a user message.
	 * @param text the text
	 * @return the message
	 */
	public static InputMessage user(String text) {
		return new InputMessage("user", text);
	}

	/**
	 * Create a developer message (instructions inside the input).
	 * @param text the text
	 * @return the message
	 */
	public static InputMessage developer(String text) {
		return new InputMessage("developer", text);
	}

	/**
	 * Create an assistant message, for example to seed a conversation.
	 * @param text the text
	 * @return the message
	 */
	public static InputMessage assistant(String text) {
		return new InputMessage("assistant", text);
	}

	@Override
	public JsonNode tree() {
		ObjectNode node = JsonObjects.ofType("message");
		node.put("role", this.role);
		node.put("content", this.text);
		return node;
	}

	static @Nullable InputMessage tryFromTree(JsonNode json) {
		JsonNode type = json.get("type");
		JsonNode role = json.get("role");
		JsonNode content = json.get("content");
		boolean typeMatches = type == null || (type.isString() && "message".equals(type.stringValue()));
		if (typeMatches && role != null && role.isString() && content != null && content.isString()
				&& FIELDS.containsAll(json.propertyNames())) {
			return new InputMessage(role.stringValue(), content.stringValue());
		}
		return null;
	}

}
