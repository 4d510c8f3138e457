package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application context closes with 100 turns in flight: each turn completes or fails with a
 * shutdown error; none is lost silently.
 */
class ShutdownUnderLoadTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void everyTurnInFlightCompletesOrFailsWithAShutdownError() {
		// every turn is held on the simulator: the fast ones until the shutdown begins, the slow
		// ones until the test is over, so which turns are still running when the grace period
		// ends does not depend on how fast the machine is
		CompletableFuture<Void> shutdownBegan = new CompletableFuture<>();
		CompletableFuture<Void> testOver = new CompletableFuture<>();
		server.responder((turn) -> {
			String text = turn.lastUserText();
			boolean slow = text != null && Integer.parseInt(text.substring(5)) % 2 == 0;
			return OutputPlan.text("answer to " + text).holdUntil(slow ? testOver : shutdownBegan);
		});
		ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
		try {
			runAndShutDown(shutdownBegan, outcomes);
		}
		finally {
			shutdownBegan.complete(null);
			testOver.complete(null);
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 100);
		List<Object> all = List.copyOf(outcomes);
		assertThat(all).hasSize(100);
		long completed = all.stream().filter(Response.class::isInstance).count();
		long shutDown = all.stream().filter(SessionClosedException.class::isInstance).count();
		assertThat(completed).as("fast turns finish within the grace period").isEqualTo(50);
		assertThat(shutDown).as("slow turns fail with a shutdown error").isEqualTo(50);
	}

	private static void runAndShutDown(CompletableFuture<Void> shutdownBegan, ConcurrentLinkedQueue<Object> outcomes) {
		// a generous grace period: the fast turns, released when the shutdown begins, have it all
		// to finish; the slow ones outlast it whatever its length
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=k",
					"responses.ws.pool.max-connections=100", "responses.ws.shutdown.grace=10s")
			.run((context) -> {
				ResponsesSession session = context.getBean(ResponsesSession.class);
				Flux.range(0, 100)
					.flatMap((i) -> session
						.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("turn " + i)).build())
						.map(Object.class::cast)
						.onErrorResume((error) -> Mono.just(error)), 100)
					.subscribe(outcomes::add);
				Awaitility.await("every turn reached the server")
					.atMost(Duration.ofSeconds(20))
					.until(() -> server.recordedRequests().size() == 100);
				assertThat(outcomes).as("no turn ends before the shutdown").isEmpty();
				CompletableFuture.runAsync(() -> {
					Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> session.snapshot().closed());
					shutdownBegan.complete(null);
				});
			});
	}

}
