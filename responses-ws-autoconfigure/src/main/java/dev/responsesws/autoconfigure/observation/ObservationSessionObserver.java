package dev.responsesws.autoconfigure.observation;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Records each turn as the Micrometer {@link Observation}
 * {@link ResponsesWsObservationDocumentation#TURN}, named and tagged by a
 * {@link ResponsesTurnObservationConvention}, with a {@code first-event} event when the first
 * server event arrives. The observation is the child of the observation found in the Reactor
 * context of the turn's subscriber (under {@code ObservationThreadLocalAccessor.KEY}, where
 * {@code contextCapture()} and Spring's instrumentation put it), otherwise of the registry's
 * current observation.
 */
public class ObservationSessionObserver implements SessionObserver {

	private static final ResponsesTurnObservationConvention DEFAULT_CONVENTION =
			new DefaultResponsesTurnObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ResponsesTurnObservationConvention convention;

	/**
	 * Create an observer with the {@link DefaultResponsesTurnObservationConvention}.
	 * @param registry the registry observations go to
	 */
	public ObservationSessionObserver(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create an observer.
	 * @param registry the registry observations go to
	 * @param convention the convention that names the observation and its key values, or
	 * {@code null} for the registry's global convention or the
	 * {@link DefaultResponsesTurnObservationConvention}
	 */
	public ObservationSessionObserver(ObservationRegistry registry,
			@Nullable ResponsesTurnObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
		ResponsesTurnObservationContext turn = new ResponsesTurnObservationContext(request, transport);
		Observation observation = ResponsesWsObservationDocumentation.TURN.observation(this.convention,
				DEFAULT_CONVENTION, () -> turn, this.registry);
		Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null && !parent.isNoop()) {
			observation.parentObservation(parent);
		}
		observation.start();
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				observation.event(ResponsesWsObservationDocumentation.Events.FIRST_EVENT);
			}

			@Override
			public void completed(@Nullable Response response) {
				turn.setCompleted(response);
				observation.stop();
			}

			@Override
			public void failed(Throwable error) {
				observation.error(error);
				observation.stop();
			}

			@Override
			public void cancelled() {
				turn.setCancelled(true);
				observation.stop();
			}

		};
	}

}
