package dev.responsesws.autoconfigure.observation;

import java.time.Duration;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the turn observation: its documented keys, the parent taken from the subscriber's
 * Reactor context, and a user-supplied {@link ResponsesTurnObservationConvention}.
 */
class TurnObservationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension(
			(builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class,
				ResponsesWsObservationAutoConfiguration.class))
		.withUserConfiguration(ObservationRegistryConfiguration.class);

	private ApplicationContextRunner withSimulator() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-test");
	}

	@Test
	void turnIsTheChildOfTheObservationInTheSubscribersContext() {
		withSimulator().run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ResponsesSession session = context.getBean(ResponsesSession.class);
			Observation caller = Observation.start("caller", registry);
			StepVerifier.create(session.execute(request("hi"))
				.contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, caller)))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			caller.stop();
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo(DefaultResponsesTurnObservationConvention.DEFAULT_NAME)
				.that()
				.hasParentObservationEqualTo(caller)
				.hasBeenStopped();
		});
	}

	@Test
	void turnWithoutAnObservationInItsContextHasNoParent() {
		withSimulator().run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			StepVerifier.create(context.getBean(ResponsesSession.class).execute(request("hi")))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo(DefaultResponsesTurnObservationConvention.DEFAULT_NAME)
				.that()
				.doesNotHaveParentObservation();
		});
	}

	@Test
	void turnsCarryTheDocumentedKeys() {
		withSimulator().run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			ResponsesSession session = context.getBean(ResponsesSession.class);
			Response first = session.execute(request("hi")).block(TIMEOUT);
			Response second = session
				.execute(request("and then?").toBuilder().previousResponseId(first.id()).build())
				.block(TIMEOUT);
			server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down"));
			StepVerifier.create(session.execute(request("again")))
				.expectError()
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo(DefaultResponsesTurnObservationConvention.DEFAULT_NAME, 3)
				.forAllObservationsWithNameEqualTo(DefaultResponsesTurnObservationConvention.DEFAULT_NAME,
						(observation) -> observation.hasLowCardinalityKeyValue("model", "gpt-test")
							.hasLowCardinalityKeyValue("transport", "websocket")
							.hasHighCardinalityKeyValueWithKey("previous.response.id")
							.hasHighCardinalityKeyValueWithKey("response.id"));
			TestObservationRegistryAssert.assertThat(registry)
				.hasHandledContextsThatSatisfy((turns) -> assertThat(turns).anySatisfy((turn) -> assertThat(turn.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
						KeyValue.of("model", "gpt-test"), KeyValue.of("transport", "websocket"),
						KeyValue.of("outcome", "completed"), KeyValue.of("chained", "false"),
						KeyValue.of("error.code", "none"), KeyValue.of("exception", "none")))
				.anySatisfy((turn) -> {
					assertThat(turn.getLowCardinalityKeyValue("chained").getValue()).isEqualTo("true");
					assertThat(turn.getHighCardinalityKeyValue("response.id").getValue()).isEqualTo(second.id());
					assertThat(turn.getHighCardinalityKeyValue("previous.response.id").getValue())
						.isEqualTo(first.id());
				})
				.anySatisfy((turn) -> {
					assertThat(turn.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
					assertThat(turn.getLowCardinalityKeyValue("error.code").getValue())
						.isEqualTo("rate_limit_exceeded");
					assertThat(turn.getLowCardinalityKeyValue("exception").getValue())
						.isEqualTo("ResponsesApiException");
				}));
		});
	}

	@Test
	void userConventionRenamesTheObservationAndAddsAKeyValue() {
		withSimulator().withUserConfiguration(TenantConventionConfiguration.class).run((context) -> {
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			StepVerifier.create(context.getBean(ResponsesSession.class).execute(request("hi")))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(registry)
				.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts).extracting(Observation.Context::getName)
					.containsExactly("acme.model.calls"))
				.hasObservationWithNameEqualTo("acme.model.calls")
				.that()
				.hasLowCardinalityKeyValue("tenant", "acme")
				.hasLowCardinalityKeyValue("model", "gpt-test");
		});
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("gpt-test").input(InputMessage.user(text)).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationRegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TenantConventionConfiguration {

		@Bean
		ResponsesTurnObservationConvention tenantConvention() {
			return new DefaultResponsesTurnObservationConvention("acme.model.calls") {

				@Override
				public KeyValues getLowCardinalityKeyValues(ResponsesTurnObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
				}

			};
		}

	}

}
