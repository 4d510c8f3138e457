package dev.responsesws.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for the turns of a {@code ResponsesSession}: a bean of this type
 * replaces {@link DefaultResponsesTurnObservationConvention}, to rename the observation or to
 * change or add key values (extend the default to keep its keys).
 *
 * @see ResponsesWsObservationDocumentation#TURN
 */
public interface ResponsesTurnObservationConvention extends ObservationConvention<ResponsesTurnObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ResponsesTurnObservationContext;
	}

}
