package dev.responsesws.test.spring;

import java.util.Map;

import dev.responsesws.test.MockResponsesServer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Starts the simulator for one application context and points the context at it: with the
 * responses-ws auto-configuration present, through a {@code ResponsesWsConnectionDetails} bean
 * (which takes the place of {@code responses.ws.base-url} and {@code responses.ws.api-key});
 * otherwise through those properties.
 */
class MockResponsesServerContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "mockResponsesServer";

	static final String CONNECTION_DETAILS_BEAN_NAME = "mockResponsesServerConnectionDetails";

	private static final String CONNECTION_DETAILS = "dev.responsesws.autoconfigure.ResponsesWsConnectionDetails";

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
		if (ClassUtils.isPresent(CONNECTION_DETAILS, context.getClassLoader())
				&& context instanceof BeanDefinitionRegistry registry) {
			registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN_NAME, connectionDetails(server));
		}
		else {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(BEAN_NAME, Map.of("responses.ws.base-url",
						server.httpBaseUrl().toString(), "responses.ws.api-key", this.apiKey)));
		}
	}

	/**
	 * The simulator's address as the application's {@code ResponsesWsConnectionDetails}, made by
	 * its static factory; named rather than referenced, since the auto-configuration module is
	 * optional here.
	 */
	private BeanDefinition connectionDetails(MockResponsesServer server) {
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setBeanClassName(CONNECTION_DETAILS);
		definition.setFactoryMethodName("of");
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, server.httpBaseUrl());
		definition.getConstructorArgumentValues().addIndexedArgumentValue(1, this.apiKey);
		return definition;
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
