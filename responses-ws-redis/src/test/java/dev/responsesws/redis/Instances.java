package dev.responsesws.redis;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.redis.autoconfigure.ResponsesWsRedisAutoConfiguration;
import dev.responsesws.test.MockResponsesServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an application instance, a Spring application with its own session, that keeps its
 * conversations in Redis and talks to the simulator.
 */
final class Instances {

	private Instances() {
	}

	static ConfigurableApplicationContext start(String name, MockResponsesServer server, int redisPort, boolean store) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.application.name", name);
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", redisPort);
		properties.put("responses.ws.base-url", server.httpBaseUrl().toString());
		properties.put("responses.ws.api-key", "sk-test");
		properties.put("responses.ws.model", "test-model");
		properties.put("responses.ws.store", store);
		properties.put("responses.ws.shutdown.grace", "1s");
		properties.put("responses.ws.conversations.store", "redis");
		properties.put("responses.ws.conversations.redis.timeout", "1s");
		return new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
			.properties(properties)
			.logStartupInfo(false)
			.run();
	}

	static ResponsesConversations conversations(ConfigurableApplicationContext instance) {
		return instance.getBean(ResponsesConversations.class);
	}

	static ResponsesSession session(ConfigurableApplicationContext instance) {
		return instance.getBean(ResponsesSession.class);
	}

	static RedisConversationStore store(ConfigurableApplicationContext instance) {
		return instance.getBean(RedisConversationStore.class);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, ResponsesWsRedisAutoConfiguration.class,
			ResponsesWsAutoConfiguration.class })
	static class Instance {

	}

}
