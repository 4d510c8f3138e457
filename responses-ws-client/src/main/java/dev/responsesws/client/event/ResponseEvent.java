package dev.responsesws.client.event;

import org.jspecify.annotations.Nullable;

/**
 * An event received from the server while a response is produced.
 *
 * <p>The library models the events it acts on as records; every other event type arrives as an
 * {@link UnknownEvent} that keeps its JSON, so no event is ever dropped. Events are decoded by
 * {@link EventDecoder}.
 */
public sealed interface ResponseEvent permits ResponseLifecycleEvent, OutputItemAddedEvent, OutputItemDoneEvent,
		ContentPartAddedEvent, ContentPartDoneEvent, OutputTextDeltaEvent, OutputTextDoneEvent,
		FunctionCallArgumentsDeltaEvent, FunctionCallArgumentsDoneEvent, ReasoningSummaryTextDeltaEvent,
		ReasoningSummaryTextDoneEvent, ErrorEvent, UnknownEvent {

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
	 * Return whether this event ends its response: {@code response.completed},
	 * {@code response.failed}, {@code response.incomplete}, {@code response.done} or an
	 * {@code error}.
	 * @return whether no further event of this response follows
	 */
	default boolean isTerminal() {
		return false;
	}

}
