package dev.responsesws.client.event;

/**
 * A lifecycle event that ends its response and carries the final response object.
 */
public sealed interface ResponseTerminalEvent extends ResponseLifecycleEvent permits ResponseCompletedEvent,
		ResponseFailedEvent, ResponseIncompleteEvent, ResponseDoneEvent {

	@Override
	default boolean isTerminal() {
		return true;
	}

}
