package dev.responsesws.autoconfigure.observation;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.session.ResponsesSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link MicrometerSessionObserver}, which the session is built with.
 * Observations go to the application's {@link ObservationRegistry} when it has one (with
 * actuator), meters to its {@link MeterRegistry}; without them nothing is recorded and nothing
 * fails.
 */
@AutoConfiguration(before = ResponsesWsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ ResponsesSession.class, ObservationRegistry.class })
public final class ResponsesWsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerSessionObserver micrometerSessionObserver(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new MicrometerSessionObserver(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				meterRegistry.getIfAvailable());
	}

}
