package dev.responsesws.client.event;

/**
 * A lifecycle event that ends its response and carries the final response object. The other
 * {@link TerminalEvent} is an {@link ErrorEvent}, which carries no response.
 */
public sealed interface ResponseTerminalEvent extends ResponseLifecycleEvent, TerminalEvent
		permits ResponseCompletedEvent, ResponseFailedEvent, ResponseIncompleteEvent, ResponseDoneEvent {

}
