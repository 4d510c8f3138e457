package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session's shutdown fits Spring's shutdown phase: the grace period ends before
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, a turn still running then fails with
 * {@link SessionClosedException}, and the context closes the session once. Every turn is held on
 * the simulator until the test releases it, so which turns outlast the grace period does not
 * depend on how fast the machine is.
 */
class ShutdownGraceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class));

	private ApplicationContextRunner withSimulator() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=k");
	}

	@Test
	void defaultGraceIsThePhaseTimeoutLessTheTimeToCloseConnections() {
		// a 2s phase leaves half of it, 1s, to close the connections
		assertTurnOutlastingTheGraceFails(withSimulator()
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=2s", "responses.ws.transport=websocket"),
				Duration.ofSeconds(1));
	}

	@Test
	void aTurnRunningPastTheGraceOverWebSocketFailsWithSessionClosedException() {
		assertTurnOutlastingTheGraceFails(withSimulator().withPropertyValues("responses.ws.shutdown.grace=1s"),
				Duration.ofSeconds(1));
	}

	@Test
	void aTurnRunningPastTheGraceOverHttpFailsWithSessionClosedException() {
		assertTurnOutlastingTheGraceFails(
				withSimulator().withPropertyValues("responses.ws.shutdown.grace=1s", "responses.ws.transport=http"),
				Duration.ofSeconds(1));
	}

	private void assertTurnOutlastingTheGraceFails(ApplicationContextRunner runner, Duration grace) {
		CompletableFuture<Void> testOver = new CompletableFuture<>();
		AtomicReference<Mono<Response>> turn = new AtomicReference<>();
		try {
			runner.run((context) -> {
				assertThat(context).hasNotFailed();
				server.enqueue(OutputPlan.text("never finished").holdUntil(testOver));
				turn.set(context.getBean(ResponsesSession.class)
					.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
					.cache());
				turn.get().subscribe(null, (error) -> {
				});
				await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
			});
			StepVerifier.create(turn.get())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(SessionClosedException.class)
					.hasMessageContaining(grace.toString()))
				.verify(TIMEOUT);
		}
		finally {
			testOver.complete(null);
		}
	}

	@Test
	void graceThatCannotFitInTheShutdownPhaseFailsTheStartup() {
		withSimulator().withPropertyValues("responses.ws.shutdown.grace=30s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ResponsesWsConfigurationException.class);
			FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("responses.ws.shutdown.grace (30s)",
					"spring.lifecycle.timeout-per-shutdown-phase (30s)");
			assertThat(analysis.getAction()).contains("responses.ws.shutdown.grace to at most 25s",
					"spring.lifecycle.timeout-per-shutdown-phase to at least 35s");
		});
		withSimulator().withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1m",
				"responses.ws.shutdown.grace=55s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void withoutBootsLifecycleConfigurationTheGraceFitsSpringsOwnPhaseTimeout() {
		// Spring's own lifecycle processor waits 10s per phase and ignores spring.lifecycle.*
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResponsesWsAutoConfiguration.class))
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=k",
					"spring.lifecycle.timeout-per-shutdown-phase=1m", "responses.ws.shutdown.grace=10s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("responses.ws.shutdown.grace (10s)",
						"spring.lifecycle.timeout-per-shutdown-phase (10s)");
				assertThat(analysis.getAction()).contains("responses.ws.shutdown.grace to at most 5s");
			});
	}

	@Test
	void contextClosesTheSessionOnceEvenWhenTheShutdownPhaseEndsFirst() {
		// the phase of the session's lifecycle ends long before its grace period, as when the
		// connections take longer to close than expected: the context must then go on closing
		// instead of closing the session a second time and waiting for the grace period again
		CompletableFuture<Void> testOver = new CompletableFuture<>();
		try {
			withSimulator().withUserConfiguration(ShortPhaseConfiguration.class)
				.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=1h", "responses.ws.shutdown.grace=50m")
				.run((context) -> {
					server.enqueue(OutputPlan.text("never finished").holdUntil(testOver));
					ResponsesSession session = context.getBean(ResponsesSession.class);
					session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
						.subscribe(null, (error) -> {
						});
					await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
					CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
					try {
						closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
						assertThat(session.snapshot().closed()).isTrue();
						assertThat(session.snapshot().inFlight()).as("the turn still has its grace period").isOne();
					}
					finally {
						testOver.complete(null);
					}
				});
		}
		finally {
			testOver.complete(null);
		}
	}

	@Test
	void contextThatFailsToStartClosesTheSession() {
		FailingBean.session.set(null);
		withSimulator().withUserConfiguration(FailingBean.class).run((context) -> assertThat(context).hasFailed());
		assertThat(FailingBean.session.get()).isNotNull();
		assertThat(FailingBean.session.get().snapshot().closed()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class ShortPhaseConfiguration {

		@Bean
		DefaultLifecycleProcessor lifecycleProcessor() {
			DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
			processor.setTimeoutForShutdownPhase(ResponsesSessionLifecycle.PHASE, 100);
			return processor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingBean {

		static final AtomicReference<ResponsesSession> session = new AtomicReference<>();

		@Bean
		Object failing(ResponsesSession session) {
			FailingBean.session.set(session);
			throw new IllegalStateException("failed on purpose");
		}

	}

}
