package dev.responsesws.test;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request frames for tests.
 */
final class Requests {

	private Requests() {
	}

	static String create(CreateResponse request) {
		ObjectNode message = request.tree();
		message.put("type", "response.create");
		return message.toString();
	}

	static String user(String text) {
		return create(CreateResponse.builder().model("test-model").input(InputMessage.user(text)).build());
	}

	static CreateResponse.Builder userRequest(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text));
	}

	/** A user message as the API documents it, written here rather than by the client. */
	static JsonNode userMessage(String text) {
		return JsonMapper.shared().createObjectNode().put("type", "message").put("role", "user").put("content", text);
	}

	static String httpBody(CreateResponse request) {
		ObjectNode body = request.tree();
		body.put("stream", true);
		return body.toString();
	}

}
