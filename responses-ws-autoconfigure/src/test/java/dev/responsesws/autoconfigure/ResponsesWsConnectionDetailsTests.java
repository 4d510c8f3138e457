package dev.responsesws.autoconfigure;

import java.net.URI;
import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session is built from the {@link ResponsesWsConnectionDetails} bean: the properties-based
 * one by default, the application's own when it defines one.
 */
class ResponsesWsConnectionDetailsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class));

	@Test
	void propertiesBasedDetailsAreTheDefault() {
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-test")
			.run((context) -> {
				assertThat(context).hasSingleBean(ResponsesWsConnectionDetails.class)
					.hasSingleBean(PropertiesResponsesWsConnectionDetails.class);
				ResponsesWsConnectionDetails details = context.getBean(ResponsesWsConnectionDetails.class);
				assertThat(details.getBaseUrl()).isEqualTo(server.httpBaseUrl());
				assertThat(details.getApiKey()).isEqualTo("sk-test");
				assertTurnCompletes(context.getBean(ResponsesSession.class));
			});
	}

	@Test
	void propertiesBasedDetailsFallBackToTheOpenAiEnvironmentVariable() {
		this.contextRunner.withPropertyValues("OPENAI_API_KEY=sk-from-environment")
			.run((context) -> assertThat(context.getBean(ResponsesWsConnectionDetails.class).getApiKey())
				.isEqualTo("sk-from-environment"));
	}

	@Test
	void userDefinedDetailsWinOverProperties() {
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=http://127.0.0.1:9/v1", "responses.ws.api-key=sk-wrong")
			.withUserConfiguration(SimulatorConnectionDetailsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ResponsesWsConnectionDetails.class)
					.doesNotHaveBean(PropertiesResponsesWsConnectionDetails.class);
				ResponsesSession session = context.getBean(ResponsesSession.class);
				assertThat(session.toString()).contains(server.httpBaseUrl().toString()).doesNotContain(":9/");
				assertTurnCompletes(session);
			});
	}

	@Test
	void userDefinedDetailsWithoutAKeyForTheOpenAiApiAreAFailureReport() {
		this.contextRunner.withPropertyValues("responses.ws.api-key=sk-ignored")
			.withBean(ResponsesWsConnectionDetails.class,
					() -> ResponsesWsConnectionDetails.of(URI.create("https://api.openai.com/v1"), null))
			.run((context) -> {
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("No API key");
			});
	}

	@Test
	void userDefinedDetailsWithAnUnusableUrlAreAFailureReport() {
		this.contextRunner
			.withBean(ResponsesWsConnectionDetails.class,
					() -> ResponsesWsConnectionDetails.of(URI.create("ftp://example.com/v1"), "k"))
			.run((context) -> {
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("ftp://example.com/v1").contains("malformed");
				assertThat(analysis.getAction()).contains("ResponsesWsConnectionDetails");
			});
	}

	private static void assertTurnCompletes(ResponsesSession session) {
		StepVerifier
			.create(session.execute(CreateResponse.builder().model("m").input(InputMessage.user("hi")).build()))
			.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: hi"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	static class SimulatorConnectionDetailsConfiguration {

		@Bean
		ResponsesWsConnectionDetails simulatorConnectionDetails() {
			return ResponsesWsConnectionDetails.of(server.httpBaseUrl(), "sk-test");
		}

	}

}
