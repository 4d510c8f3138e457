package dev.responsesws.autoconfigure.observation;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.session.ResponsesSession;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ObservationSessionObserver} when the application has an
 * {@link ObservationRegistry} (with actuator); without one nothing is observed and nothing
 * fails. A {@link ResponsesTurnObservationConvention} bean replaces the
 * {@link DefaultResponsesTurnObservationConvention} (as does a global convention registered
 * with the registry, when there is no such bean).
 */
@AutoConfiguration(before = ResponsesWsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ResponsesSession.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class ResponsesWsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservationSessionObserver observationSessionObserver(ObservationRegistry observationRegistry,
			ObjectProvider<ResponsesTurnObservationConvention> convention) {
		return new ObservationSessionObserver(observationRegistry, convention.getIfAvailable());
	}

}
