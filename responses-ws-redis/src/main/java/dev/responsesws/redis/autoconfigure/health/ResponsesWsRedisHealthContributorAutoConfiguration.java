package dev.responsesws.redis.autoconfigure.health;

import dev.responsesws.redis.RedisConversationStore;
import dev.responsesws.redis.autoconfigure.ResponsesWsRedisAutoConfiguration;
import dev.responsesws.redis.health.RedisConversationStoreHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link RedisConversationStoreHealthIndicator}, shown as
 * {@code responsesWsConversationStore} in the health endpoint and switched off with
 * {@code management.health.responses-ws-conversation-store.enabled=false}.
 */
@AutoConfiguration(after = ResponsesWsRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisConversationStore.class, AbstractReactiveHealthIndicator.class })
@ConditionalOnBean(RedisConversationStore.class)
@ConditionalOnEnabledHealthIndicator("responses-ws-conversation-store")
public final class ResponsesWsRedisHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "responsesWsConversationStoreHealthIndicator")
	RedisConversationStoreHealthIndicator responsesWsConversationStoreHealthIndicator(RedisConversationStore store) {
		return new RedisConversationStoreHealthIndicator(store);
	}

}
