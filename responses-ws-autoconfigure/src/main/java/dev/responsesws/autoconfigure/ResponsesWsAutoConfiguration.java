package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionObserver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import reactor.netty.http.client.HttpClient;

/**
 * Auto-configuration of the {@link ResponsesSession}: built from {@link ResponsesWsProperties},
 * customized by {@link ResponsesHttpClientCustomizer} and {@link ResponsesSessionBuilderCustomizer}
 * beans, observed by {@link SessionObserver} beans, its connections owned by
 * {@link ResponsesSessionLifecycle} within a grace period that fits Spring's shutdown phase
 * ({@link ShutdownGrace}).
 */
@AutoConfiguration
@ConditionalOnClass(ResponsesSession.class)
@EnableConfigurationProperties(ResponsesWsProperties.class)
@ImportRuntimeHints(ResponsesWsRuntimeHints.class)
public final class ResponsesWsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResponsesSession responsesSession(ResponsesWsProperties properties, Environment environment,
			ObjectProvider<LifecycleProperties> lifecycleProperties,
			ObjectProvider<ResponsesHttpClientCustomizer> httpClientCustomizers,
			ObjectProvider<ResponsesSessionBuilderCustomizer> builderCustomizers,
			ObjectProvider<SessionObserver> observers) {
		HttpClient httpClient = HttpClient.create();
		for (ResponsesHttpClientCustomizer customizer : httpClientCustomizers.orderedStream().toList()) {
			httpClient = customizer.customize(httpClient);
		}
		Duration grace = ShutdownGrace.of(properties.getShutdown().getGrace(),
				ShutdownGrace.phaseTimeout(lifecycleProperties));
		ResponsesSession.Builder builder = ResponsesSessionFactory.builder(properties, grace, environment, httpClient,
				CompositeSessionObserver.of(observers.orderedStream().toList()));
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ResponsesSessionLifecycle responsesSessionLifecycle(ResponsesSession responsesSession,
			ResponsesWsProperties properties, ObjectProvider<LifecycleProperties> lifecycleProperties) {
		return new ResponsesSessionLifecycle(responsesSession, properties,
				ShutdownGrace.of(properties.getShutdown().getGrace(), ShutdownGrace.phaseTimeout(lifecycleProperties)));
	}

	@Bean
	@ConditionalOnMissingBean
	ResponsesConversations responsesConversations(ResponsesSession responsesSession,
			ResponsesWsProperties properties) {
		return new ResponsesConversations(responsesSession, CreateResponse.builder()
			.model(properties.getModel())
			.instructions(properties.getInstructions())
			.store(properties.isStore())
			.build());
	}

	@Bean
	static ConversationModelCheck responsesConversationModelCheck(ConfigurableListableBeanFactory beanFactory) {
		return new ConversationModelCheck(beanFactory);
	}

}
