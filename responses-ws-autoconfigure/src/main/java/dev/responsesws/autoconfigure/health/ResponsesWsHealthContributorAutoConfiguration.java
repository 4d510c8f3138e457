package dev.responsesws.autoconfigure.health;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.autoconfigure.ResponsesWsProperties;
import dev.responsesws.client.session.ResponsesSession;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ResponsesWsHealthIndicator}, shown as {@code responsesWs} in the
 * health endpoint and switched off with {@code management.health.responses-ws.enabled=false}.
 */
@AutoConfiguration(after = ResponsesWsAutoConfiguration.class)
@ConditionalOnClass({ ResponsesSession.class, AbstractReactiveHealthIndicator.class })
@ConditionalOnBean(ResponsesSession.class)
@ConditionalOnEnabledHealthIndicator("responses-ws")
public final class ResponsesWsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "responsesWsHealthIndicator")
	ResponsesWsHealthIndicator responsesWsHealthIndicator(ResponsesSession responsesSession,
			ResponsesWsProperties properties) {
		return new ResponsesWsHealthIndicator(responsesSession, properties.getHealth().getProbeTtl());
	}

}
