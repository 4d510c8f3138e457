package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.autoconfigure.health.ResponsesWsHealthContributorAutoConfiguration;
import dev.responsesws.autoconfigure.health.ResponsesWsHealthIndicator;
import dev.responsesws.autoconfigure.observation.DefaultResponsesTurnObservationConvention;
import dev.responsesws.autoconfigure.observation.MeterSessionObserver;
import dev.responsesws.autoconfigure.observation.ObservationSessionObserver;
import dev.responsesws.autoconfigure.observation.ResponsesSessionMetrics;
import dev.responsesws.autoconfigure.observation.ResponsesWsMetricsAutoConfiguration;
import dev.responsesws.autoconfigure.observation.ResponsesWsObservationAutoConfiguration;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.SimulatedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link ResponsesWsAutoConfiguration} and its neighbours with an
 * {@link ApplicationContextRunner}, against the simulator.
 */
class ResponsesWsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class,
				ResponsesWsHealthContributorAutoConfiguration.class, ResponsesWsObservationAutoConfiguration.class,
				ResponsesWsMetricsAutoConfiguration.class));

	private ApplicationContextRunner withSimulator() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-test");
	}

	@Test
	void sessionRunsTurnsAgainstTheConfiguredServer() {
		withSimulator().run((context) -> {
			assertThat(context).hasSingleBean(ResponsesSession.class)
				.hasSingleBean(ResponsesSessionLifecycle.class)
				.hasSingleBean(ResponsesConversations.class);
			Response response = context.getBean(ResponsesSession.class)
				.execute(CreateResponse.builder().model("m").input(InputMessage.user("hi")).build())
				.block(TIMEOUT);
			assertThat(response.outputText()).isEqualTo("You said: hi");
		});
	}

	@Test
	void apiKeyFallsBackToTheOpenAiEnvironmentVariable() {
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "OPENAI_API_KEY=sk-test")
			.run((context) -> assertThat(context.getBean(ResponsesSession.class)
				.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
				.block(TIMEOUT)
				.outputText()).isEqualTo("You said: hi"));
	}

	@Test
	void missingKeyForTheOpenAiApiFailsWithAClearAnalysis() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("No API key").contains("api.openai.com");
			assertThat(analysis.getAction()).contains("responses.ws.api-key").contains("OPENAI_API_KEY");
		});
	}

	@Test
	void malformedBaseUrlFailsWithAClearAnalysis() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=ht tp://bad host", "responses.ws.api-key=k")
			.run((context) -> {
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("responses.ws.base-url").contains("malformed");
				assertThat(analysis.getAction()).contains("https://api.openai.com/v1");
			});
		this.contextRunner.withPropertyValues("responses.ws.base-url=ftp://example.com", "responses.ws.api-key=k")
			.run((context) -> assertThat(new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure())
				.getDescription()).contains("malformed"));
	}

	@Test
	void cleartextToARemoteHostIsRefusedUnlessAllowed() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=http://example.com/v1", "responses.ws.api-key=k")
			.run((context) -> {
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("clear text");
				assertThat(analysis.getAction()).contains("responses.ws.allow-cleartext=true");
				assertThat(analysis.getDescription()).doesNotContain("=k");
			});
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=http://example.com/v1", "responses.ws.api-key=k",
					"responses.ws.allow-cleartext=true")
			.run((context) -> assertThat(context).hasSingleBean(ResponsesSession.class));
	}

	@Test
	void propertiesReachTheSession() {
		withSimulator().withPropertyValues("responses.ws.transport=http").run((context) -> {
			ResponsesSession session = context.getBean(ResponsesSession.class);
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build()).block(TIMEOUT);
			assertThat(server.upgradeAttempts()).isZero();
		});
	}

	@Test
	void userDefinedSessionMakesTheAutoConfigurationBackOff() {
		withSimulator().withUserConfiguration(UserSessionConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ResponsesSession.class);
			assertThat(context.getBean(ResponsesSession.class)).isSameAs(context.getBean("userSession"));
		});
	}

	@Test
	void nothingIsConfiguredWithoutTheClient() {
		withSimulator().withClassLoader(new FilteredClassLoader(ResponsesSession.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponsesSession.class)
				.doesNotHaveBean(ResponsesConversations.class));
	}

	@Test
	void customizersAreApplied() {
		withSimulator().withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			assertThat(context.getBean(CustomizerConfiguration.class).httpClientCustomized).isTrue();
			assertThat(context.getBean(CustomizerConfiguration.class).builderCustomized).isTrue();
		});
	}

	@Test
	void conversationFactoryUsesTheConfiguredDefaults() {
		withSimulator()
			.withPropertyValues("responses.ws.model=gpt-test", "responses.ws.instructions=Be brief.",
					"responses.ws.store=true")
			.run((context) -> {
				Conversation conversation = context.getBean(ResponsesConversations.class).create();
				conversation.execute(InputMessage.user("hi")).block(TIMEOUT);
				SimulatedRequest sent = server.recordedRequests().get(0).requireRequest();
				assertThat(sent.model()).isEqualTo("gpt-test");
				assertThat(sent.instructions()).isEqualTo("Be brief.");
				assertThat(sent.store()).isTrue();
			});
	}

	@Test
	void healthIndicatorIsConfiguredAndCanBeDisabled() {
		withSimulator().run((context) -> assertThat(context).hasSingleBean(ResponsesWsHealthIndicator.class));
		withSimulator().withPropertyValues("management.health.responses-ws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResponsesWsHealthIndicator.class));
		withSimulator().withClassLoader(new FilteredClassLoader(AbstractReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResponsesWsHealthIndicator.class)
				.hasSingleBean(ResponsesSession.class));
	}

	@Test
	void turnsAreObservedWithLowCardinalityKeys() {
		withSimulator().withUserConfiguration(ObservationConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ObservationSessionObserver.class)
				.hasSingleBean(MeterSessionObserver.class)
				.hasSingleBean(ResponsesSessionMetrics.class);
			ResponsesSession session = context.getBean(ResponsesSession.class);
			Response first = session
				.execute(CreateResponse.builder().model("gpt-test").input(InputMessage.user("hi")).build())
				.block(TIMEOUT);
			session.execute(CreateResponse.builder()
				.model("gpt-test")
				.previousResponseId(first.id())
				.input(InputMessage.user("and then?"))
				.build()).block(TIMEOUT);
			session.replayingChain("resp_unknown");
			server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down"));
			session.execute(CreateResponse.builder().model("gpt-test").input(InputMessage.user("hi")).build())
				.onErrorResume((error) -> Mono.empty())
				.block(TIMEOUT);
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(DefaultResponsesTurnObservationConvention.DEFAULT_NAME, 3);
			TestObservationRegistryAssert.assertThat(registry)
				.hasAnObservationWithAKeyValue("outcome", "completed")
				.hasAnObservationWithAKeyValue("error.code", "rate_limit_exceeded")
				.hasAnObservationWithAKeyValue("model", "gpt-test")
				.hasAnObservationWithAKeyValue("transport", "websocket");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(MeterSessionObserver.TIME_TO_FIRST_EVENT).timer().count()).as("the refused turn had no event").isEqualTo(2);
			assertThat(meters.get(MeterSessionObserver.DATA_SENT).counter().count()).isPositive();
			assertThat(meters.get(MeterSessionObserver.DATA_RECEIVED).counter().count()).isPositive();
			assertThat(meters.get("responses.ws.tokens").tag("type", "output").counter().count()).isPositive();
			assertThat(meters.get("responses.ws.connections.opened").counter().count()).isEqualTo(1);
			assertThat(meters.get("responses.ws.chain.hits").counter().count()).isEqualTo(1);
			assertThat(meters.get("responses.ws.chain.misses").tag("reason", "not_found").counter().count())
				.isEqualTo(1);
			context.getBean(ResponsesSessionMetrics.class).bindTo(meters);
			assertThat(meters.get("responses.ws.turns.completed").functionCounter().count()).isEqualTo(2);
			assertThat(meters.get("responses.ws.turns.failed").functionCounter().count()).isEqualTo(1);
			assertThat(meters.get("responses.ws.connections.open").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void withoutMeterOrObservationRegistriesNothingIsRecordedAndNothingFails() {
		withSimulator().run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationSessionObserver.class)
				.doesNotHaveBean(MeterSessionObserver.class);
			assertThat(context.getBean(ResponsesSession.class)
				.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
				.block(TIMEOUT)
				.outputText()).isEqualTo("You said: hi");
		});
		withSimulator().withUserConfiguration(ObservationConfiguration.class)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ObservationSessionObserver.class)
				.doesNotHaveBean(MeterSessionObserver.class));
	}

	@Test
	void startupConnectOpensTheMinimumOfConnections() {
		withSimulator().withPropertyValues("responses.ws.startup.connect=true", "responses.ws.pool.min-connections=2")
			.run((context) -> {
				assertThat(context.getBean(ResponsesSession.class).snapshot().connectionsOpen()).isEqualTo(2);
				assertThat(server.upgradeAttempts()).isEqualTo(2);
			});
	}

	@Test
	void startupWarmupSendsGenerateFalseWithTheConfiguredModel() {
		withSimulator().withPropertyValues("responses.ws.startup.warmup=true", "responses.ws.model=gpt-test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(server.recordedRequests()).hasSize(1);
				assertThat(server.recordedRequests().get(0).tree().get("generate").booleanValue()).isFalse();
				assertThat(server.recordedRequests().get(0).requireRequest().model()).isEqualTo("gpt-test");
			});
	}

	@Test
	void shutdownLetsARunningTurnFinish() {
		@SuppressWarnings("unchecked")
		Mono<Response>[] turn = new Mono[1];
		ResponsesSession[] session = new ResponsesSession[1];
		// the turn is held on the simulator until shutdown has begun, so it is running when the
		// context closes however long anything takes
		CompletableFuture<Void> release = new CompletableFuture<>();
		try {
			withSimulator().withPropertyValues("responses.ws.shutdown.grace=20s").run((context) -> {
				server.enqueue(OutputPlan.text("still finishing").holdUntil(release));
				session[0] = context.getBean(ResponsesSession.class);
				turn[0] = session[0].execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build()).cache();
				turn[0].subscribe();
				await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
				CompletableFuture.runAsync(() -> {
					try {
						await("the shutdown began").atMost(TIMEOUT).until(() -> session[0].snapshot().closed());
					}
					finally {
						release.complete(null);
					}
				});
			});
			assertThat(turn[0].block(TIMEOUT).outputText()).isEqualTo("still finishing");
			assertThat(session[0].snapshot().closed()).isTrue();
			assertThat(session[0].snapshot().turnsCompleted()).isEqualTo(1);
		}
		finally {
			release.complete(null);
		}
	}


	@Configuration(proxyBeanMethods = false)
	static class UserSessionConfiguration {

		@Bean
		ResponsesSession userSession() {
			return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-test").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		boolean httpClientCustomized;

		boolean builderCustomized;

		@Bean
		ResponsesHttpClientCustomizer wiretapCustomizer() {
			return (client) -> {
				this.httpClientCustomized = true;
				return client.wiretap(false);
			};
		}

		@Bean
		ResponsesSessionBuilderCustomizer headerCustomizer() {
			return (builder) -> {
				this.builderCustomized = true;
				builder.header("X-Custom", "yes");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
