package dev.responsesws.redis.autoconfigure;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.redis.RedisConversationStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Auto-configuration of the {@link RedisConversationStore}, on the application's
 * {@link ReactiveRedisConnectionFactory}, when {@code responses.ws.conversations.store=redis}:
 * the conversations that {@code ResponsesConversations.open(id)} opens then continue on every
 * instance of the application.
 */
@AutoConfiguration(before = ResponsesWsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ResponsesWsAutoConfiguration.class, ReactiveRedisConnectionFactory.class })
@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
@ConditionalOnProperty(name = "responses.ws.conversations.store", havingValue = "redis")
@EnableConfigurationProperties(ResponsesWsRedisProperties.class)
public final class ResponsesWsRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ConversationStore.class)
	RedisConversationStore redisConversationStore(ReactiveRedisConnectionFactory connectionFactory,
			ResponsesWsRedisProperties properties) {
		return RedisConversationStore.builder(new ReactiveStringRedisTemplate(connectionFactory))
			.keyPrefix(properties.getKeyPrefix())
			.ttl(properties.getTtl())
			.timeout(properties.getTimeout())
			.limits(properties.getMaxItems(), properties.getMaxSize().toBytes())
			.build();
	}

}
