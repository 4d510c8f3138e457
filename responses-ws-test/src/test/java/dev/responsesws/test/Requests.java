package dev.responsesws.test;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.CreateResponseCodec;
import dev.responsesws.client.request.InputMessage;

/**
 * Request frames for tests.
 */
final class Requests {

	private static final CreateResponseCodec CODEC = new CreateResponseCodec();

	private Requests() {
	}

	static String create(CreateResponse request) {
		return CODEC.toWebSocketMessage(request);
	}

	static String user(String text) {
		return create(CreateResponse.builder().model("test-model").input(InputMessage.user(text)).build());
	}

	static CreateResponse.Builder userRequest(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text));
	}

	static String httpBody(CreateResponse request) {
		return CODEC.toHttpBody(request);
	}

}
