package dev.responsesws.autoconfigure;

import dev.responsesws.client.conversation.Conversation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A configuration that cannot work stops the start-up with a report that names the property and
 * says what to set: unresolved placeholders, values out of range, and a conversation factory in
 * use without a model.
 */
class ConfigurationFailureReportsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
		.withPropertyValues("responses.ws.base-url=http://127.0.0.1:9/v1", "responses.ws.api-key=sk-reports");

	@Test
	void unresolvedKeyPlaceholderIsRefusedWithTheFallbackToUse() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=https://api.openai.com/v1",
				"responses.ws.api-key=${RESPONSES_WS_TEST_UNSET_KEY}").run((context) -> {
					FailureAnalysis analysis = analysis(context);
					assertThat(analysis.getDescription()).contains("responses.ws.api-key")
						.contains("'${RESPONSES_WS_TEST_UNSET_KEY}'")
						.contains("not resolved")
						.contains("would be sent as the API key");
					assertThat(analysis.getAction()).contains("RESPONSES_WS_TEST_UNSET_KEY environment variable")
						.contains("'${RESPONSES_WS_TEST_UNSET_KEY:}'")
						.contains("OPENAI_API_KEY");
				});
	}

	@Test
	void keyPlaceholderWithAnEmptyDefaultFallsBackToTheMissingKeyReport() {
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=https://api.openai.com/v1",
					"responses.ws.api-key=${RESPONSES_WS_TEST_UNSET_KEY:}", "OPENAI_API_KEY=")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("No API key").contains("api.openai.com");
				assertThat(analysis.getAction()).contains("OPENAI_API_KEY");
			});
	}

	@Test
	void placeholderPartOfTheKeyIsRefusedWithoutShowingTheRest() {
		this.contextRunner.withPropertyValues("responses.ws.api-key=sk-secret-${RESPONSES_WS_TEST_UNSET_SUFFIX}")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("${RESPONSES_WS_TEST_UNSET_SUFFIX}");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("sk-secret");
			});
	}

	@Test
	void unresolvedPlaceholderInTheFallbackKeyIsRefused() {
		this.contextRunner.withPropertyValues("responses.ws.api-key=", "OPENAI_API_KEY=${RESPONSES_WS_TEST_UNSET_KEY:${RESPONSES_WS_TEST_UNSET_KEY}}")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("OPENAI_API_KEY").contains("RESPONSES_WS_TEST_UNSET_KEY");
				assertThat(analysis.getAction()).contains("responses.ws.api-key");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			base-url         | https://${RESPONSES_WS_TEST_UNSET_HOST}/v1
			model            | ${RESPONSES_WS_TEST_UNSET_MODEL}
			organization     | ${RESPONSES_WS_TEST_UNSET_ORG}
			project          | ${RESPONSES_WS_TEST_UNSET_PROJECT}
			headers.X-Tenant | ${RESPONSES_WS_TEST_UNSET_TENANT}
			""")
	void unresolvedPlaceholdersInOtherPropertiesAreRefused(String key, String value) {
		this.contextRunner.withPropertyValues("responses.ws." + key + "=" + value).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("responses.ws." + key).contains("not resolved");
			assertThat(analysis.getAction()).contains("environment variable");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			pool.max-connections             | 0      | must be at least 1
			pool.max-connections             | -3     | must be at least 1
			pool.min-connections             | -1     | must be between 0 and responses.ws.pool.max-connections (8)
			pool.min-connections             | 9      | must be between 0 and responses.ws.pool.max-connections (8)
			pool.max-queued                  | -1     | must be at least 0
			pool.acquire-timeout             | 0s     | must be longer than 0
			pool.acquire-timeout             | -1s    | must be longer than 0
			pool.chain-continuation          | -1ms   | must be 0 or longer
			pool.chain-max-delay             | 0s     | must be longer than 0 and shorter than responses.ws.pool.acquire-timeout (30s)
			pool.chain-max-delay             | 30s    | must be longer than 0 and shorter than responses.ws.pool.acquire-timeout (30s)
			lanes.max-turns-per-connection   | 0      | must be between 1 and 16
			lanes.max-turns-per-connection   | 17     | must be between 1 and 16
			connection.max-frame-size        | 1023B  | must be between 1KB and 2147483647B
			connection.max-frame-size        | 2GB    | must be between 1KB and 2147483647B
			connection.connect-timeout       | 0s     | must be longer than 0
			connection.idle-timeout          | 0s     | must be longer than 0
			connection.ping-interval         | -1s    | must be 0 or longer
			connection.max-age               | 0s     | must be longer than 0
			connection.reconnect-backoff     | 0s     | must be longer than 0
			connection.max-reconnect-backoff | 100ms  | must be at least responses.ws.connection.reconnect-backoff (200ms)
			startup.timeout                  | 0s     | must be longer than 0
			health.probe-ttl                 | -1s    | must be 0 or longer
			""")
	void everyValueOutOfRangeIsAReportNamingThePropertyAndItsRange(String key, String value, String range) {
		this.contextRunner.withPropertyValues("responses.ws." + key + "=" + value).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).startsWith("responses.ws." + key + "=").contains(range);
			assertThat(analysis.getAction()).contains("responses.ws." + key).contains("default");
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			pool.max-connections           | 1
			pool.min-connections           | 8
			pool.max-queued                | 0
			pool.chain-continuation        | 0s
			pool.chain-max-delay           | 29s
			lanes.max-turns-per-connection | 16
			connection.max-frame-size      | 1KB
			connection.ping-interval       | 0s
			health.probe-ttl               | 0s
			""")
	void valuesAtTheEdgesOfTheirRangesAreAccepted(String key, String value) {
		this.contextRunner.withPropertyValues("responses.ws." + key + "=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void invalidHeadersAreReportsNamingTheProperty() {
		this.contextRunner.withPropertyValues("responses.ws.api-key-header=Bad Header").run((context) -> {
			assertThat(analysis(context).getDescription()).contains("responses.ws.api-key-header")
				.contains("not a valid header name");
		});
		this.contextRunner.withPropertyValues("responses.ws.headers.X-Bad=a\r\nb").run((context) -> {
			assertThat(analysis(context).getDescription()).contains("responses.ws.headers.X-Bad").contains("CR or LF");
		});
		this.contextRunner.withPropertyValues("responses.ws.api-key=sk-li\nne").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("responses.ws.api-key").doesNotContain("sk-li");
		});
	}

	@Test
	void conversationFactoryInUseWithoutAModelIsAReport() {
		this.contextRunner.withUserConfiguration(ConversationUser.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("ResponsesConversations is used by [conversationUser]")
				.contains("responses.ws.model is not set")
				.contains("missing_required_parameter");
			assertThat(analysis.getAction()).contains("responses.ws.model=")
				.contains("create((settings) -> settings.model(...))");
		});
		this.contextRunner.withUserConfiguration(ConversationUser.class)
			.withPropertyValues("responses.ws.model=gpt-test")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void conversationFactoryUnusedWithoutAModelStarts() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ResponsesConversations.class));
	}

	@Test
	void conversationFactoryReachedLaterRefusesAConversationWithoutAModelAtTheCall() {
		this.contextRunner.withUserConfiguration(LateConversationUser.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ResponsesConversations conversations = context.getBean(LateConversationUser.class).conversations
				.getObject();
			assertThatExceptionOfType(ResponsesWsConfigurationException.class).isThrownBy(conversations::create)
				.withMessageContaining("no model")
				.withMessageContaining("responses.ws.model");
			Conversation perCall = conversations.create((settings) -> settings.model("gpt-per-call"));
			assertThat(perCall).isNotNull();
		});
	}

	static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class ConversationUser {

		@Bean
		Object conversationUser(ResponsesConversations conversations) {
			return conversations;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LateConversationUser {

		final ObjectProvider<ResponsesConversations> conversations;

		LateConversationUser(ObjectProvider<ResponsesConversations> conversations) {
			this.conversations = conversations;
		}

	}

}
