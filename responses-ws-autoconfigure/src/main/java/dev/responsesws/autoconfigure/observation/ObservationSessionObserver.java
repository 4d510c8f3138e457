package dev.responsesws.autoconfigure.observation;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records each turn as a Micrometer {@link Observation} named {@value #TURN_OBSERVATION}, with
 * the low-cardinality keys {@code model}, {@code transport}, {@code outcome} and
 * {@code error.code}, and a {@code first-event} event when the first server event arrives.
 */
public class ObservationSessionObserver implements SessionObserver {

	/** The name of the turn observation. */
	public static final String TURN_OBSERVATION = "responses.ws.turn";

	static final String NO_VALUE = "none";

	private final ObservationRegistry registry;

	/**
	 * Create an observer.
	 * @param registry the registry observations go to
	 */
	public ObservationSessionObserver(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport) {
		Observation observation = Observation.createNotStarted(TURN_OBSERVATION, this.registry)
			.contextualName("responses turn")
			.lowCardinalityKeyValue("model", model(request))
			.lowCardinalityKeyValue("transport", transportName(transport))
			.start();
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				observation.event(Observation.Event.of("first-event", "first event of the turn"));
			}

			@Override
			public void completed(@Nullable Response response) {
				String status = (response != null && response.status() != null) ? response.status() : "completed";
				observation.lowCardinalityKeyValue("outcome", status)
					.lowCardinalityKeyValue("error.code", NO_VALUE)
					.stop();
			}

			@Override
			public void failed(Throwable error) {
				observation.lowCardinalityKeyValue("outcome", "error")
					.lowCardinalityKeyValue("error.code", errorCode(error))
					.error(error)
					.stop();
			}

			@Override
			public void cancelled() {
				observation.lowCardinalityKeyValue("outcome", "cancelled")
					.lowCardinalityKeyValue("error.code", NO_VALUE)
					.stop();
			}

		};
	}

	static String model(CreateResponse request) {
		return (request.model() != null) ? request.model() : NO_VALUE;
	}

	static String transportName(TransportMode transport) {
		return transport.name().toLowerCase(java.util.Locale.ROOT);
	}

	static String errorCode(Throwable error) {
		if (error instanceof ResponsesApiException api && api.code() != null) {
			return api.code();
		}
		if (error instanceof HandshakeRejectedException rejected) {
			return "handshake_" + rejected.status();
		}
		if (error instanceof ConnectionClosedException) {
			return "connection_closed";
		}
		return error.getClass().getSimpleName();
	}

}
