package dev.responsesws.springai.autoconfigure;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.autoconfigure.ResponsesWsProperties;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.springai.ResponsesWsChatModel;
import dev.responsesws.springai.ResponsesWsChatOptions;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link ResponsesWsChatModel} named {@code responsesWsChatModel} on the
 * {@link ResponsesSession} bean, when Spring AI is on the classpath. It is not {@code @Primary}:
 * next to another {@link ChatModel} (Spring AI's OpenAI model, for instance) it is chosen by name,
 * {@code @Qualifier("responsesWsChatModel")}.
 */
@AutoConfiguration(after = ResponsesWsAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, ResponsesSession.class, ResponsesWsProperties.class })
@ConditionalOnBooleanProperty(name = "responses.ws.spring-ai.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResponsesWsSpringAiProperties.class)
public final class ResponsesWsSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnBean(ResponsesSession.class)
	@ConditionalOnMissingBean(name = "responsesWsChatModel")
	ResponsesWsChatModel responsesWsChatModel(ResponsesSession responsesSession, ResponsesWsProperties properties,
			ResponsesWsSpringAiProperties springAiProperties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ToolCallingManager> toolCallingManager,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		ResponsesWsChatModel.Builder builder = ResponsesWsChatModel.builder(responsesSession)
			.defaultOptions(options(properties, springAiProperties))
			.chainCapacity(springAiProperties.getChainCapacity())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		toolCallingManager.ifUnique(builder::toolCallingManager);
		ResponsesWsChatModel model = builder.build();
		observationConvention.ifUnique(model::setObservationConvention);
		return model;
	}

	private static ResponsesWsChatOptions options(ResponsesWsProperties properties,
			ResponsesWsSpringAiProperties springAi) {
		ResponsesWsChatOptions.Builder<?> options = ResponsesWsChatOptions.builder()
			.model((springAi.getModel() != null) ? springAi.getModel() : properties.getModel())
			.store((springAi.getStore() != null) ? springAi.getStore() : properties.isStore())
			.temperature(springAi.getTemperature())
			.topP(springAi.getTopP())
			.maxOutputTokens(springAi.getMaxOutputTokens())
			.reasoningEffort(springAi.getReasoningEffort())
			.reasoningSummary(springAi.getReasoningSummary())
			.internalToolExecutionEnabled(springAi.isInternalToolExecution());
		options.extra(springAi.getExtra());
		return options.build();
	}

}
