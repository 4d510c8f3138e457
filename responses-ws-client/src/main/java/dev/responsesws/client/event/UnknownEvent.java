package dev.responsesws.client.event;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An event of a type the library does not model (reasoning text, web search, code interpreter,
 * audio, refusal, annotations, MCP, and whatever the server adds later). It is delivered, never
 * dropped, with its JSON as received; the tree is built only when {@link #tree()} is called.
 *
 * @param type the event type
 * @param sequenceNumber the position in the stream, or {@link #NO_SEQUENCE_NUMBER}
 * @param streamId the lane, or {@code null} for the default lane
 * @param json the event exactly as received
 */
public record UnknownEvent(String type, long sequenceNumber, @Nullable String streamId, String json)
		implements ResponseEvent {

	/**
	 * Parse the event's JSON.
	 * @return the event as a tree
	 * @throws ProtocolDecodingException never for an event produced by {@link EventDecoder}, whose
	 * JSON was already checked
	 */
	public JsonNode tree() {
		try {
			return ProtocolJson.mapper().readTree(this.json);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed event JSON: " + ex.getOriginalMessage(), this.json, ex);
		}
	}

	@Override
	public String toString() {
		return "UnknownEvent[type=" + this.type + ", sequenceNumber=" + this.sequenceNumber + ", streamId="
				+ this.streamId + ", json=" + this.json.length() + " chars]";
	}

}
