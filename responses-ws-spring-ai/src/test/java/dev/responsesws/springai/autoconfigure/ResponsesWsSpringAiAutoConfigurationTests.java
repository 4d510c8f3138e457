package dev.responsesws.springai.autoconfigure;

import java.time.Duration;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.springai.ResponsesWsChatModel;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ResponsesWsSpringAiAutoConfiguration}.
 */
class ResponsesWsSpringAiAutoConfigurationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class,
				ResponsesWsSpringAiAutoConfiguration.class));

	private ApplicationContextRunner withSimulator() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-test", "responses.ws.model=test-model");
	}

	@Test
	void chatModelAnswersWithTheDefaultsOfResponsesWs() {
		withSimulator().withPropertyValues("responses.ws.store=true", "responses.ws.spring-ai.temperature=0.3",
				"responses.ws.spring-ai.extra.prompt_cache_key=k1", "responses.ws.spring-ai.chain-capacity=16")
			.run((context) -> {
				assertThat(context).hasBean("responsesWsChatModel").hasSingleBean(ResponsesWsChatModel.class);
				ResponsesWsChatModel model = context.getBean(ResponsesWsChatModel.class);
				assertThat(model.getOptions().getModel()).isEqualTo("test-model");
				assertThat(model.getOptions().getStore()).isTrue();
				assertThat(ChatClient.create(model).prompt().user("hi").call().content()).isEqualTo("You said: hi");
				var request = server.recordedRequests().get(0).tree();
				assertThat(request.path("model").asString()).isEqualTo("test-model");
				assertThat(request.path("temperature").asDouble()).isEqualTo(0.3);
				assertThat(request.path("prompt_cache_key").asString()).isEqualTo("k1");
			});
	}

	@Test
	void ownModelAndStoreWinOverThoseOfResponsesWs() {
		withSimulator().withPropertyValues("responses.ws.spring-ai.model=other", "responses.ws.store=true",
				"responses.ws.spring-ai.store=false")
			.run((context) -> {
				ResponsesWsChatModel model = context.getBean(ResponsesWsChatModel.class);
				assertThat(model.getOptions().getModel()).isEqualTo("other");
				assertThat(model.getOptions().getStore()).isFalse();
			});
	}

	@Test
	void isOffWhenDisabled() {
		withSimulator().withPropertyValues("responses.ws.spring-ai.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ResponsesSession.class)
				.doesNotHaveBean(ResponsesWsChatModel.class));
	}

	@Test
	void isOffWithoutSpringAi() {
		withSimulator().withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).hasSingleBean(ResponsesSession.class)
				.doesNotHaveBean("responsesWsChatModel"));
	}

	@Test
	void backsOffForABeanOfTheSameName() {
		withSimulator().withUserConfiguration(OwnModelConfiguration.class)
			.run((context) -> assertThat(context.getBean("responsesWsChatModel"))
				.isSameAs(context.getBean(OwnModelConfiguration.class).model));
	}

	@Test
	void livesNextToAnotherChatModelAndIsChosenByName() {
		withSimulator().withUserConfiguration(OtherChatModelConfiguration.class, ClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ResponsesWsChatModel.class);
				assertThat(context.getBeansOfType(ChatModel.class)).hasSize(2);
				assertThat(context.getBean(ClientConfiguration.class).client.prompt().user("hi").call().content())
					.isEqualTo("You said: hi");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnModelConfiguration {

		final ResponsesWsChatModel model = ResponsesWsChatModel
			.builder(ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build())
			.build();

		@Bean
		ResponsesWsChatModel responsesWsChatModel() {
			return this.model;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherChatModelConfiguration {

		@Bean
		ChatModel otherChatModel() {
			return new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					throw new UnsupportedOperationException("not this one");
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.error(new UnsupportedOperationException("not this one"));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		ChatClient client;

		@Bean
		String clientHolder(@Qualifier("responsesWsChatModel") ChatModel chatModel) {
			this.client = ChatClient.builder(chatModel).build();
			return "client";
		}

	}

}
