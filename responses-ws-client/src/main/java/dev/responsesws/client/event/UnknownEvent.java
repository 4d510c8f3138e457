package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * An event of a type the library does not model (reasoning text, file search, code interpreter,
 * image generation, audio, MCP, and whatever the server adds later). It is delivered, never
 * dropped, with its JSON as received, which {@link #json()} returns as it is; the tree is built
 * only when {@link #tree()} is called.
 *
 * @param type the event type
 * @param sequenceNumber the position in the stream, or {@link #NO_SEQUENCE_NUMBER}
 * @param streamId the lane, or {@code null} for the default lane
 * @param json the event exactly as received
 */
public record UnknownEvent(String type, long sequenceNumber, @Nullable String streamId, String json)
		implements ResponseEvent {

	@Override
	public String toString() {
		return "UnknownEvent[type=" + this.type + ", sequenceNumber=" + this.sequenceNumber + ", streamId="
				+ this.streamId + ", json=" + this.json.length() + " chars]";
	}

}
