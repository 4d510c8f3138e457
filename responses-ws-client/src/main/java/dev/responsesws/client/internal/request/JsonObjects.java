package dev.responsesws.client.internal.request;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the JSON objects requests are built from.
 */
public final class JsonObjects {

	private JsonObjects() {
	}

	/**
	 * Parse JSON text with the protocol's mapper.
	 * @param json the text
	 * @param what what the text holds, for the message of the exception
	 * @return the tree
	 * @throws ProtocolDecodingException if the text is not one valid JSON value
	 */
	public static JsonNode parse(String json, String what) {
		try {
			return ProtocolJson.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed " + what + " JSON: " + ex.getOriginalMessage(), json, ex);
		}
	}

	/**
	 * Create an empty object of the protocol's mapper.
	 * @return the object
	 */
	public static ObjectNode create() {
		return ProtocolJson.mapper().createObjectNode();
	}

	/**
	 * Create an object whose {@code type} field is set.
	 * @param type the type
	 * @return the object
	 */
	public static ObjectNode ofType(String type) {
		ObjectNode node = create();
		node.put("type", type);
		return node;
	}

}
