package dev.responsesws.client.session;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import reactor.util.context.ContextView;

/**
 * Learns what a session does, for metrics and tracing (the Spring Boot starter implements it with
 * Micrometer). Methods are called on network threads and must not block; exceptions they throw
 * are ignored.
 */
public interface SessionObserver {

	/** An observer that ignores everything. */
	SessionObserver NONE = new SessionObserver() {
	};

	/**
	 * A turn starts (it was subscribed).
	 * @param request the request
	 * @param transport the transport it runs on
	 * @param context the Reactor context of the turn's subscriber, where the caller's current
	 * observation or trace is found (Micrometer's context propagation keeps it under
	 * {@code ObservationThreadLocalAccessor.KEY})
	 * @return the callbacks for the rest of this turn
	 */
	default TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
		return TurnObservation.NONE;
	}

	/**
	 * A WebSocket connection opened.
	 */
	default void connectionOpened() {
	}

	/**
	 * A WebSocket connection closed.
	 * @param lost whether the server or the network closed it (rather than the session)
	 */
	default void connectionClosed(boolean lost) {
	}

	/**
	 * A connection retired because of its age or the server's age limit.
	 */
	default void connectionRotated() {
	}

	/**
	 * A request was written (a WebSocket message or an HTTP body).
	 * @param bytes its size before compression
	 */
	default void bytesSent(long bytes) {
	}

	/**
	 * A turn continued a chain: the server accepted its {@code previous_response_id}.
	 */
	default void chainHit() {
	}

	/**
	 * A turn continued a chain from a response no connection of this session held, so the
	 * server read it from its storage ({@code store:true}): for example a conversation whose
	 * previous turn ran on another instance. Called after {@link #chainHit()} for the same turn.
	 */
	default void storedChainHit() {
	}

	/**
	 * A turn of a chain could not continue it: the server refused its
	 * {@code previous_response_id}, or it sent its transcript again.
	 * @param reason why
	 */
	default void chainMissed(ChainMissReason reason) {
	}

	/**
	 * A frame or server-sent event arrived.
	 * @param bytes its size after decompression
	 */
	default void bytesReceived(long bytes) {
	}

	/**
	 * The callbacks of one turn; each turn ends with exactly one of {@link #completed},
	 * {@link #failed} or {@link #cancelled}.
	 */
	interface TurnObservation {

		/** Callbacks that ignore everything. */
		TurnObservation NONE = new TurnObservation() {
		};

		/**
		 * The first event of the turn arrived.
		 */
		default void firstEvent() {
		}

		/**
		 * The turn ended with a terminal event.
		 * @param response the final response, or {@code null} when the terminal event carried none
		 */
		default void completed(@org.jspecify.annotations.Nullable Response response) {
		}

		/**
		 * The turn failed.
		 * @param error the error
		 */
		default void failed(Throwable error) {
		}

		/**
		 * The subscriber cancelled the turn.
		 */
		default void cancelled() {
		}

	}

}
