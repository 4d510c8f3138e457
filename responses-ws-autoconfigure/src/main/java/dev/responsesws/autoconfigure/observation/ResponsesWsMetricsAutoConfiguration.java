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
 * Auto-configuration of {@link ResponsesSessionMetrics}, the gauges and counters read from the
 * session's state; bound to the application's meter registry by Spring Boot's metrics support.
 */
@AutoConfiguration(after = ResponsesWsAutoConfiguration.class)
@ConditionalOnClass({ ResponsesSession.class, MeterRegistry.class })
@ConditionalOnBean(ResponsesSession.class)
public final class ResponsesWsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResponsesSessionMetrics responsesSessionMetrics(ResponsesSession responsesSession) {
		return new ResponsesSessionMetrics(responsesSession);
	}

}
