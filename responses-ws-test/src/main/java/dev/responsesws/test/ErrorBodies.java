package dev.responsesws.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds error payloads: the WebSocket {@code error} frame and the HTTP JSON error body.
 */
final class ErrorBodies {

	private ErrorBodies() {
	}

	static String webSocketFrame(OutputPlan.ErrorReply error, @Nullable String param, @Nullable String streamId) {
		ObjectNode frame = JsonMapper.shared().createObjectNode();
		frame.put("type", "error");
		frame.put("status", error.status());
		ObjectNode details = details(error, param);
		if (!error.headers().isEmpty()) {
			ObjectNode headers = details.putObject("headers");
			error.headers().forEach(headers::put);
		}
		frame.set("error", details);
		if (streamId != null) {
			frame.put("stream_id", streamId);
		}
		return frame.toString();
	}

	static String httpBody(OutputPlan.ErrorReply error, @Nullable String param) {
		ObjectNode body = JsonMapper.shared().createObjectNode();
		body.set("error", details(error, param));
		return body.toString();
	}

	static OutputPlan.ErrorReply invalidRequest(@Nullable String code, String message) {
		return new OutputPlan.ErrorReply(400, "invalid_request_error", code, message, Map.of());
	}

	private static ObjectNode details(OutputPlan.ErrorReply error, @Nullable String param) {
		ObjectNode details = JsonMapper.shared().createObjectNode();
		details.put("type", error.type());
		details.put("code", error.code());
		details.put("message", error.message());
		details.put("param", param);
		return details;
	}

}
