package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionObserver;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import reactor.netty.http.client.HttpClient;

/**
 * Auto-configuration of the {@link ResponsesSession}: built from {@link ResponsesWsProperties} and
 * the {@link ResponsesWsConnectionDetails} (read from the properties unless the application
 * defines its own), on the application's {@code ReactorResourceFactory} when there is one,
 * secured by the SSL bundle named by {@code responses.ws.ssl.bundle}, customized by
 * {@link ResponsesHttpClientCustomizer} and {@link ResponsesSessionBuilderCustomizer} beans,
 * observed by {@link SessionObserver} beans, its connections owned by
 * {@link ResponsesSessionLifecycle} within a grace period that fits Spring's shutdown phase
 * ({@link ShutdownGrace}).
 */
@AutoConfiguration
@ConditionalOnClass(ResponsesSession.class)
@EnableConfigurationProperties(ResponsesWsProperties.class)
@ImportRuntimeHints(ResponsesWsRuntimeHints.class)
public final class ResponsesWsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ResponsesWsConnectionDetails.class)
	PropertiesResponsesWsConnectionDetails responsesWsConnectionDetails(ResponsesWsProperties properties,
			Environment environment) {
		return new PropertiesResponsesWsConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ResponsesSession responsesSession(ResponsesWsProperties properties,
			ResponsesWsConnectionDetails connectionDetails, ListableBeanFactory beanFactory,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<LifecycleProperties> lifecycleProperties,
			ObjectProvider<ResponsesHttpClientCustomizer> httpClientCustomizers,
			ObjectProvider<ResponsesSessionBuilderCustomizer> builderCustomizers,
			ObjectProvider<SessionObserver> observers) {
		HttpClient httpClient = ResponsesHttpClients.create(beanFactory, properties.getSsl().getBundle(), sslBundles);
		for (ResponsesHttpClientCustomizer customizer : httpClientCustomizers.orderedStream().toList()) {
			httpClient = customizer.customize(httpClient);
		}
		Duration grace = ShutdownGrace.of(properties.getShutdown().getGrace(),
				ShutdownGrace.phaseTimeout(lifecycleProperties));
		ResponsesSession.Builder builder = ResponsesSessionFactory.builder(properties, connectionDetails, grace, httpClient,
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
			ResponsesWsProperties properties, ObjectProvider<ConversationStore> conversationStore) {
		return new ResponsesConversations(responsesSession, CreateResponse.builder()
			.model(properties.getModel())
			.instructions(properties.getInstructions())
			.store(properties.isStore())
			.build(), ConversationStores.of(properties.getConversations().getStore(), conversationStore));
	}

	@Bean
	static ConversationModelCheck responsesConversationModelCheck(ConfigurableListableBeanFactory beanFactory) {
		return new ConversationModelCheck(beanFactory);
	}

}
