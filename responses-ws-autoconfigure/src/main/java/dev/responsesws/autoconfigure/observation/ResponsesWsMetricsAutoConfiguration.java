package dev.responsesws.autoconfigure.observation;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.session.ResponsesSession;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the session's meters when the application has a {@link MeterRegistry}
 * (with actuator): {@link MeterSessionObserver} for traffic, and {@link ResponsesSessionMetrics}
 * for the state of the pool, bound by Spring Boot's metrics support.
 */
@AutoConfiguration(before = ResponsesWsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ ResponsesSession.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
public final class ResponsesWsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeterSessionObserver meterSessionObserver(MeterRegistry meterRegistry) {
		return new MeterSessionObserver(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	ResponsesSessionMetrics responsesSessionMetrics(org.springframework.beans.factory.ObjectProvider<ResponsesSession> responsesSession) {
		return new ResponsesSessionMetrics(responsesSession);
	}

}
