package dev.responsesws.redis.autoconfigure;

import java.time.Duration;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import dev.responsesws.redis.RedisConversationStore;
import dev.responsesws.redis.RedisServerExtension;
import dev.responsesws.redis.autoconfigure.health.ResponsesWsRedisHealthContributorAutoConfiguration;
import dev.responsesws.redis.health.RedisConversationStoreHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ResponsesWsRedisAutoConfiguration} and its health indicator.
 */
class ResponsesWsRedisAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ResponsesWsRedisAutoConfiguration.class,
				ResponsesWsRedisHealthContributorAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
		.withPropertyValues("responses.ws.api-key=sk-test", "responses.ws.model=test-model",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());

	@Test
	void redisStoreKeepsTheConversationsOpenedByIdWithTheConfiguredSettings() {
		this.runner
			.withPropertyValues("responses.ws.conversations.store=redis", "responses.ws.conversations.redis.key-prefix=app:",
					"responses.ws.conversations.redis.ttl=1h", "responses.ws.conversations.redis.timeout=750ms",
					"responses.ws.conversations.redis.max-items=50", "responses.ws.conversations.redis.max-size=10KB")
			.run((context) -> {
				RedisConversationStore store = context.getBean(RedisConversationStore.class);
				assertThat(context.getBean(ResponsesConversations.class).store()).isSameAs(store);
				assertThat(store.keyPrefix()).isEqualTo("app:");
				assertThat(store.ttl()).isEqualTo(Duration.ofHours(1));
				assertThat(store.timeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(store.maxItems()).isEqualTo(50);
				assertThat(store.maxBytes()).isEqualTo(10 * 1024);
				assertThat(store.stateKey("c1")).isEqualTo("app:{c1}");
			});
	}

	@Test
	void withoutTheStorePropertyConversationsStayInMemory() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(RedisConversationStore.class);
			assertThat(context.getBean(ResponsesConversations.class).store()).isInstanceOf(InMemoryConversationStore.class);
		});
	}

	@Test
	void redisStoreWithoutARedisConnectionStopsTheStartupWithWhatIsMissing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResponsesWsRedisAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
			.withPropertyValues("responses.ws.api-key=sk-test", "responses.ws.model=test-model",
					"responses.ws.conversations.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("responses.ws.conversations.store is redis"));
	}

	@Test
	void healthShowsTheStoreUpWhenRedisAnswersAndDownWhenItDoesNot() {
		this.runner.withPropertyValues("responses.ws.conversations.store=redis").run((context) -> {
			Health health = context.getBean(RedisConversationStoreHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("store", "redis").containsEntry("keyPrefix", "responses-ws:conversation:");
		});
		this.runner
			.withPropertyValues("responses.ws.conversations.store=redis", "spring.data.redis.port=1",
					"responses.ws.conversations.redis.timeout=500ms")
			.run((context) -> {
				Health health = context.getBean(RedisConversationStoreHealthIndicator.class).health().block(TIMEOUT);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		this.runner
			.withPropertyValues("responses.ws.conversations.store=redis",
					"management.health.responses-ws-conversation-store.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisConversationStoreHealthIndicator.class));
	}

}
