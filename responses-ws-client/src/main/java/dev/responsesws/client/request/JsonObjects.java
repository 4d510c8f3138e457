package dev.responsesws.client.request;

import dev.responsesws.client.json.ProtocolJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the JSON objects requests are built from.
 */
final class JsonObjects {

	private JsonObjects() {
	}

	static ObjectNode create() {
		return ProtocolJson.mapper().createObjectNode();
	}

	static ObjectNode ofType(String type) {
		ObjectNode node = create();
		node.put("type", type);
		return node;
	}

}
