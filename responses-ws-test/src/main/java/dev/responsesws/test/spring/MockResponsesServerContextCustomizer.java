package dev.responsesws.test.spring;

import java.util.Map;

import dev.responsesws.test.MockResponsesServer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the simulator for one application context and configures the context to use it.
 */
class MockResponsesServerContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "mockResponsesServer";

	private final String apiKey;

	private final boolean strict;

	MockResponsesServerContextCustomizer(String apiKey, boolean strict) {
		this.apiKey = apiKey;
		this.strict = strict;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MockResponsesServer server = MockResponsesServer.builder().apiKey(this.apiKey).strict(this.strict).start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, server);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// destroyed with the singletons, after the lifecycle beans (the session) stopped
			registry.registerDisposableBean(BEAN_NAME, server::close);
		}
		else {
			context.addApplicationListener((event) -> {
				if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
					server.close();
				}
			});
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("mockResponsesServer", Map.of("responses.ws.base-url",
					server.httpBaseUrl().toString(), "responses.ws.api-key", this.apiKey)));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MockResponsesServerContextCustomizer customizer && customizer.apiKey.equals(this.apiKey)
				&& customizer.strict == this.strict;
	}

	@Override
	public int hashCode() {
		return 31 * this.apiKey.hashCode() + Boolean.hashCode(this.strict);
	}

}
