package dev.responsesws.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message the simulator received: a WebSocket text frame or an HTTP request body.
 *
 * @param connectionId the connection it came on: {@code ws-N} for WebSocket connections in
 * the order they were accepted, {@code http-N} for HTTP requests
 * @param transport how it came
 * @param text the message exactly as received, which need not be JSON
 * @param tree the parsed message, or {@code null} if it was not JSON
 * @param request the request as the simulator read it when it was a valid {@code response.create}
 * (or HTTP body), otherwise {@code null}
 * @param receivedAt when it was received
 */
public record RecordedFrame(String connectionId, Transport transport, String text, @Nullable JsonNode tree,
		@Nullable SimulatedRequest request, Instant receivedAt) {

	/**
	 * Return the message's {@code type} field.
	 * @return the type, or {@code null} if the message has none (HTTP bodies) or is not JSON
	 */
	public @Nullable String type() {
		JsonNode type = (this.tree != null) ? this.tree.get("type") : null;
		return (type != null && type.isString()) ? type.stringValue() : null;
	}

	/**
	 * Return the size of the message in UTF-8 bytes, as it went on the wire before compression.
	 * @return the size
	 */
	public int sizeInBytes() {
		return this.text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Return the request as the simulator read it, failing if this frame was not a valid request.
	 * @return the request
	 * @throws IllegalStateException if the frame was not a valid request
	 */
	public SimulatedRequest requireRequest() {
		if (this.request == null) {
			throw new IllegalStateException("Frame on " + this.connectionId + " is not a valid request: " + this.text);
		}
		return this.request;
	}

}
