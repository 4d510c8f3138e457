package dev.responsesws.client.event;

import dev.responsesws.client.response.Response;

/**
 * An event that carries the whole response object: its creation, progress and end.
 */
public sealed interface ResponseLifecycleEvent extends ResponseEvent permits ResponseCreatedEvent,
		ResponseQueuedEvent, ResponseInProgressEvent, ResponseTerminalEvent {

	/**
	 * Return the response as it stood when the event was sent.
	 * @return the response
	 */
	Response response();

}
