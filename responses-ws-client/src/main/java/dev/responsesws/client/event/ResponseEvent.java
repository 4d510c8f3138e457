package dev.responsesws.client.event;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.event.EventSerializer;
import dev.responsesws.client.internal.event.EventWriter;
import dev.responsesws.client.internal.json.ProtocolJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An event received from the server while a response is produced.
 *
 * <p>The library models the events it acts on as records; every other event type arrives as an
 * {@link UnknownEvent} that keeps its JSON, so no event is ever dropped. Events are decoded by
 * {@link EventDecoder}, and written back as the JSON the server sends by {@link #json()}, for
 * example to forward them to a browser or a log. An application's own Jackson mapper writes an
 * event as that same JSON, whatever its naming strategy or inclusion settings.
 */
@JsonSerialize(using = EventSerializer.class)
public sealed interface ResponseEvent permits ResponseLifecycleEvent, TerminalEvent, OutputItemAddedEvent,
		OutputItemDoneEvent, ContentPartAddedEvent, ContentPartDoneEvent, OutputTextDeltaEvent, OutputTextDoneEvent,
		FunctionCallArgumentsDeltaEvent, FunctionCallArgumentsDoneEvent, ReasoningSummaryPartAddedEvent,
		ReasoningSummaryTextDeltaEvent, ReasoningSummaryTextDoneEvent, ReasoningSummaryPartDoneEvent,
		RefusalDeltaEvent, RefusalDoneEvent, OutputTextAnnotationAddedEvent, WebSearchCallInProgressEvent,
		WebSearchCallSearchingEvent, WebSearchCallCompletedEvent, UnknownEvent {

	/** The sequence number of an event that carried none (error frames may omit it). */
	long NO_SEQUENCE_NUMBER = -1;

	/**
	 * Return the event type as sent by the server, for example
	 * {@code response.output_text.delta}.
	 * @return the type
	 */
	String type();

	/**
	 * Return the position of this event in its response's stream, counting from 0.
	 * @return the sequence number, or {@link #NO_SEQUENCE_NUMBER} if the server sent none
	 */
	long sequenceNumber();

	/**
	 * Return the lane this event belongs to when lanes are in use.
	 * @return the {@code stream_id}, or {@code null} for the default lane
	 */
	@Nullable String streamId();

	/**
	 * Return whether this event ends its response, that is whether it is a
	 * {@link TerminalEvent}: {@code response.completed}, {@code response.failed},
	 * {@code response.incomplete}, {@code response.done} or an {@code error}.
	 * @return whether no further event of this response follows
	 */
	default boolean isTerminal() {
		return this instanceof TerminalEvent;
	}

	/**
	 * Return the event as the JSON the server sends; {@link EventDecoder} decodes the JSON of an
	 * event it decoded to an equal event. The JSON holds {@code type}, {@code sequence_number} (left out when the server sent none),
	 * {@code stream_id} (only on a lane) and the fields the event's record models under their
	 * wire names, with the response, output item, content part or annotation as the JSON they
	 * were received as. Fields the records do not model (the {@code obfuscation} padding and the
	 * {@code logprobs} of delta and done events) are not written. An error is written in the
	 * WebSocket envelope form, or in the flat SSE form when it has neither a status, an error
	 * type nor headers; an {@link UnknownEvent} as the text it was received as.
	 * @return the JSON text
	 */
	default String json() {
		return EventWriter.json(this);
	}

	/**
	 * Return the event's {@link #json() JSON} as a tree, built anew on every call.
	 * @return a new tree, which the caller may modify
	 * @throws ProtocolDecodingException never for an event produced by {@link EventDecoder},
	 * whose JSON was already checked
	 */
	default JsonNode tree() {
		String json = json();
		try {
			return ProtocolJson.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed event JSON: " + ex.getOriginalMessage(), json, ex);
		}
	}

}
