package dev.responsesws.client.session;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-off after failed connects: one attempt per window whatever the traffic, turns in the
 * window refused at once with the last failure as cause, and no turn kept waiting for the
 * acquire timeout while connects fail.
 */
class ConnectBackoffTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final long INITIAL = 100;

	private static final long MAX = 800;

	private static final long STEP = 10;

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	/**
	 * A turn every 10 ms of virtual time, the pool's clock, so that the windows are exact and
	 * nothing depends on how long a real connect takes.
	 */
	@Test
	void refusedKeyIsTriedAgainOncePerWindowWhileTurnsKeepComingAndRecoversWhenAccepted() {
		server.apiKey("sk-right");
		VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
		ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.apiKey("sk-wrong")
			.connections(0, 1)
			.reconnectBackoff(Duration.ofMillis(INITIAL), Duration.ofMillis(MAX))
			.build();
		try {
			List<Long> attempts = new ArrayList<>();
			int turns = 0;
			for (long now = 0; now < 5_000; now += STEP) {
				int upgrades = server.upgradeAttempts();
				Signal<Response> outcome = turn(session, "refused " + now);
				turns++;
				assertThat(outcome.isOnError()).as("turn at %d ms", now).isTrue();
				if (server.upgradeAttempts() > upgrades) {
					attempts.add(now);
					assertThat(outcome.getThrowable()).as("turn at %d ms, which tried to connect", now)
						.isInstanceOfSatisfying(HandshakeRejectedException.class,
								(rejected) -> assertThat(rejected.status()).isEqualTo(401));
				}
				else {
					assertRefusedInWindow(outcome.getThrowable(), now);
				}
				clock.advanceTimeBy(Duration.ofMillis(STEP));
			}
			assertWindows(attempts);
			assertThat(attempts).as("attempts in 5 s with windows of at most %d ms", MAX).hasSizeGreaterThanOrEqualTo(8);
			assertThat(server.upgradeAttempts()).isEqualTo(attempts.size());
			assertThat(session.snapshot().connectFailures()).as("only the turns that tried count as connect failures")
				.isEqualTo(attempts.size());
			assertThat(session.snapshot().turnsFailed()).isEqualTo(turns);

			server.apiKey("sk-wrong");
			long lastAttempt = attempts.get(attempts.size() - 1);
			long now = 5_000;
			Signal<Response> outcome = turn(session, "accepted " + now);
			while (outcome.isOnError()) {
				assertRefusedInWindow(outcome.getThrowable(), now);
				assertThat(now - lastAttempt).as("a turn got through within one maximum back-off").isLessThan(MAX + STEP);
				clock.advanceTimeBy(Duration.ofMillis(STEP));
				now += STEP;
				outcome = turn(session, "accepted " + now);
			}
			assertThat(outcome.get().outputText()).isEqualTo("You said: accepted " + now);
			assertThat(turn(session, "next").get().outputText()).isEqualTo("You said: next");
			assertThat(session.snapshot().connectFailures()).isEqualTo(attempts.size());
			assertThat(session.snapshot().connectionsOpen()).isEqualTo(1);
		}
		finally {
			VirtualTimeScheduler.reset();
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	/**
	 * Each window is the back-off of its attempt, {@code initial * 2^n} up to the maximum, less
	 * at most half of it for jitter; the next attempt is the first turn after it.
	 */
	private static void assertWindows(List<Long> attempts) {
		for (int i = 1; i < attempts.size(); i++) {
			long backoff = Math.min(MAX, INITIAL << Math.min(20, i - 1));
			assertThat(attempts.get(i) - attempts.get(i - 1)).as("gap before attempt %d in %s", i + 1, attempts)
				.isGreaterThanOrEqualTo(backoff / 2)
				.isLessThan(backoff + STEP);
		}
	}

	private static void assertRefusedInWindow(Throwable error, long now) {
		assertThat(error).as("turn at %d ms, in a back-off window", now)
			.isInstanceOf(ConnectBackoffException.class)
			.extracting(Throwable::getCause, InstanceOfAssertFactories.type(HandshakeRejectedException.class))
			.extracting(HandshakeRejectedException::status)
			.isEqualTo(401);
	}

	private static Signal<Response> turn(ResponsesSession session, String text) {
		return session.execute(request(text)).materialize().block(TIMEOUT);
	}

	@Test
	void unreachableServerFailsTurnsWithTheConnectFailureInsteadOfWaitingForTheAcquireTimeout() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ResponsesSession session = ResponsesSession.builder()
			.baseUrl("http://127.0.0.1:" + closedPort + "/v1")
			.connections(0, 1)
			.queue(16, Duration.ofMinutes(10))
			.connectTimeout(Duration.ofSeconds(2))
			.reconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30))
			.build();
		try {
			// one turn takes the only slot and connects, the other two wait in the queue for it
			Mono<List<Throwable>> failures = Flux.range(0, 3)
				.flatMap((i) -> session.execute(request("turn " + i)).then(Mono.<Throwable>empty()).onErrorResume(Mono::just))
				.collectList();
			StepVerifier.create(failures).assertNext((errors) -> {
				assertThat(errors).hasSize(3);
				assertThat(errors).filteredOn((error) -> !(error instanceof ConnectBackoffException))
					.singleElement(InstanceOfAssertFactories.THROWABLE)
					.isInstanceOf(TransportException.class)
					.hasRootCauseInstanceOf(ConnectException.class);
				assertThat(errors).filteredOn(ConnectBackoffException.class::isInstance)
					.hasSize(2)
					.allSatisfy((error) -> assertThat(error.getCause()).isInstanceOf(TransportException.class)
						.hasRootCauseInstanceOf(ConnectException.class));
			}).expectComplete().verify(Duration.ofSeconds(30));
			assertThat(session.snapshot().connectFailures()).isEqualTo(1);
			assertThat(session.snapshot().queued()).isZero();
			assertThat(session.snapshot().connectionsConnecting()).isZero();
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

}
