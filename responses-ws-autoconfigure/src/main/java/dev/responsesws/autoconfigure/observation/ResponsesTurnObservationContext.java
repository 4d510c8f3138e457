package dev.responsesws.autoconfigure.observation;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context that holds what is known about one turn of a {@code ResponsesSession} while it is
 * observed: the request and its transport from the start, then the final response, the error
 * (through {@link #getError()}) or the cancellation once the turn ends.
 *
 * @see ResponsesTurnObservationConvention
 * @see ResponsesWsObservationDocumentation#TURN
 */
public class ResponsesTurnObservationContext extends Observation.Context {

	private final CreateResponse request;

	private final TransportMode transport;

	private @Nullable Response response;

	private boolean completed;

	private boolean cancelled;

	/**
	 * Create a context for a turn that starts.
	 * @param request the request of the turn
	 * @param transport the transport the turn runs on
	 */
	public ResponsesTurnObservationContext(CreateResponse request, TransportMode transport) {
		this.request = request;
		this.transport = transport;
	}

	/**
	 * Return the request of the turn.
	 * @return the request
	 */
	public CreateResponse getRequest() {
		return this.request;
	}

	/**
	 * Return the transport the turn runs on.
	 * @return the transport
	 */
	public TransportMode getTransport() {
		return this.transport;
	}

	/**
	 * Return the final response of the turn, with its id, status and usage.
	 * @return the response, or {@code null} while the turn runs, when it failed or was cancelled,
	 * and when its terminal event carried none
	 */
	public @Nullable Response getResponse() {
		return this.response;
	}

	/**
	 * Record that the turn ended with a terminal event.
	 * @param response the final response, or {@code null} when the terminal event carried none
	 */
	public void setCompleted(@Nullable Response response) {
		this.response = response;
		this.completed = true;
	}

	/**
	 * Return whether the turn ended with a terminal event ({@code response.completed},
	 * {@code response.incomplete}, {@code response.failed} or {@code response.done}).
	 * @return whether the turn completed
	 */
	public boolean isCompleted() {
		return this.completed;
	}

	/**
	 * Return whether the subscriber cancelled the turn before it ended.
	 * @return whether the turn was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Set whether the subscriber cancelled the turn before it ended.
	 * @param cancelled whether the turn was cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

}
