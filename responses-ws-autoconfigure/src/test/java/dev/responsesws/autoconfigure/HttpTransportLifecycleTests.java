package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ResponsesSessionLifecycle} with a session on HTTP: start-up does not fail for want of a
 * warm-up, and shutdown waits for the turns running over HTTP.
 */
class HttpTransportLifecycleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class));

	private ApplicationContextRunner overHttp() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-test", "responses.ws.transport=http");
	}

	@Test
	void startupWarmupOnAnHttpSessionProbesInstead() {
		overHttp().withPropertyValues("responses.ws.startup.warmup=true", "responses.ws.model=gpt-test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ResponsesSession.class).transport()).isEqualTo(TransportMode.HTTP);
				assertThat(server.recordedFrames()).as("no generation at start-up").isEmpty();
			});
	}

	@Test
	void startupWarmupOnAnHttpSessionStillChecksTheKey() {
		overHttp().withPropertyValues("responses.ws.startup.warmup=true", "responses.ws.api-key=sk-wrong")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void startupWarmupAfterAFallbackProbesInstead() {
		server.rejectUpgrades(426);
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-test",
					"responses.ws.startup.warmup=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ResponsesSession.class).transport()).isEqualTo(TransportMode.HTTP);
				assertThat(server.recordedFrames()).as("no generation at start-up").isEmpty();
			});
	}

	@Test
	void shutdownWaitsForARunningHttpTurn() {
		shutdownWaitsForTheRunningTurn(overHttp());
	}

	@Test
	void shutdownWaitsForATurnThatFellBackToHttp() {
		server.rejectUpgrades(426);
		shutdownWaitsForTheRunningTurn(this.contextRunner.withPropertyValues(
				"responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-test"));
		assertThat(server.upgradeAttempts()).isEqualTo(1);
	}

	private static void shutdownWaitsForTheRunningTurn(ApplicationContextRunner runner) {
		CompletableFuture<Response> turn = new CompletableFuture<>();
		ResponsesSession[] session = new ResponsesSession[1];
		// the turn is held on the simulator until the shutdown has begun and has been seen to
		// wait for it, so it is running when the context closes however long anything takes
		CompletableFuture<Void> release = new CompletableFuture<>();
		try {
			runner.withPropertyValues("responses.ws.shutdown.grace=20s").run((context) -> {
				server.enqueue(OutputPlan.text("still finishing").holdUntil(release));
				session[0] = context.getBean(ResponsesSession.class);
				session[0].execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
					.subscribe(turn::complete, turn::completeExceptionally);
				await("the turn is running").atMost(TIMEOUT).until(() -> server.recordedRequests().size() == 1);
				CompletableFuture.runAsync(() -> {
					try {
						await("the shutdown began").atMost(TIMEOUT).until(() -> session[0].snapshot().closed());
						await("the shutdown waits for the turn").during(Duration.ofMillis(500))
							.atMost(TIMEOUT)
							.until(() -> !turn.isDone());
					}
					finally {
						release.complete(null);
					}
				});
			});
			assertThat(turn).as("the context closed after the turn ended").isDone();
			assertThat(turn.join().outputText()).isEqualTo("still finishing");
			assertThat(session[0].snapshot().turnsCompleted()).isEqualTo(1);
		}
		finally {
			release.complete(null);
		}
	}

}
