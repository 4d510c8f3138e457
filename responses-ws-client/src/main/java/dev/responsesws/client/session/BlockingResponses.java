package dev.responsesws.client.session;

import java.util.Objects;
import java.util.stream.Stream;

import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;

/**
 * A blocking view of a {@link ResponsesSession}, for Spring MVC controllers, plain threads and
 * virtual threads. Every wait is bounded by the session's timeouts. Must not be used on a
 * Reactor non-blocking thread (Reactor refuses it there).
 */
public final class BlockingResponses {

	private final ResponsesSession session;

	BlockingResponses(ResponsesSession session) {
		this.session = Objects.requireNonNull(session);
	}

	/**
	 * Run a turn and wait for its final response.
	 * @param request the request
	 * @return the completed or incomplete response
	 * @throws dev.responsesws.client.error.ResponsesException for every failure, including
	 * {@link dev.responsesws.client.response.ResponseFailedException} for a failed response
	 */
	public Response execute(CreateResponse request) {
		Response response = this.session.execute(request).block();
		if (response == null) {
			throw new IllegalStateException("The turn ended without a response");
		}
		return response;
	}

	/**
	 * Run a turn and iterate its events as they arrive; reading pauses while the caller does not
	 * pull the next event. Close the stream (try-with-resources) to abandon the turn early.
	 * @param request the request
	 * @return the events
	 * @throws dev.responsesws.client.error.ResponsesException while iterating, for every failure
	 */
	public Stream<ResponseEvent> stream(CreateResponse request) {
		return this.session.create(request).toStream(1);
	}

}
