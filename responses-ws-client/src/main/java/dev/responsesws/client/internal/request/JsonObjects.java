package dev.responsesws.client.internal.request;

import dev.responsesws.client.internal.json.ProtocolJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the JSON objects requests are built from.
 */
public final class JsonObjects {

	private JsonObjects() {
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
