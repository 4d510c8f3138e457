package dev.responsesws.client.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionSnapshot;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.TurnContext;
import dev.responsesws.test.proxy.NetworkProxy;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * About 2,000 turns over 50 conversations through the fault proxy, with seeded random faults on
 * the first attempt of a turn: resets and stalls mid-stream, refused handshakes, 429 and 500
 * errors, malformed frames, connection-limit errors. Every turn must end, with its terminal event
 * or a typed error, within its timeout; conversations hit only by transport faults must complete
 * through replay with intact transcripts; the pool must return to rest. Run with
 * {@code -Dchaos.seed=N} to repeat a run.
 */
class ChaosTests {

	private static final int CONVERSATIONS = 50;

	private static final int TURNS = 40;

	private static final int MAX_ATTEMPTS = 4;

	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(15);

	private final long seed = Long.getLong("chaos.seed", 20261125L);

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, String> faults = new ConcurrentHashMap<>();

	private final AtomicLong recovered = new AtomicLong();

	private final AtomicLong typedFailures = new AtomicLong();

	private final List<Throwable> untyped = java.util.Collections.synchronizedList(new ArrayList<>());

	@Test
	void everyTurnEndsAndTransportFaultsAreRecovered() throws InterruptedException {
		try (MockResponsesServer server = MockResponsesServer.builder().responder(this::respond).start();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).start();
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + proxy.port() + "/v1")
					.connections(0, 10)
					.idleTimeout(Duration.ofMillis(500))
					.connectTimeout(Duration.ofSeconds(2))
					.reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
					.queue(256, Duration.ofSeconds(10))
					.closeGrace(Duration.ofSeconds(2))
					.build()) {
			AtomicLong turnsDone = new AtomicLong();
			List<Outcome> outcomes = Flux.range(0, CONVERSATIONS)
				.flatMap((c) -> conversation(session, c, proxy, turnsDone), 10)
				.collectList()
				.block(Duration.ofMinutes(5));
			assertThat(outcomes).as(seedMessage()).hasSize(CONVERSATIONS);
			assertThat(this.untyped).as("errors that are not ResponsesException (%s)", seedMessage()).isEmpty();
			int transportOnly = 0;
			for (Outcome outcome : outcomes) {
				if (!outcome.hitByApiError) {
					transportOnly++;
					assertThat(outcome.completed).as("conversation %d completed (%s)", outcome.index, seedMessage())
						.isEqualTo(TURNS);
				}
				assertThat(outcome.userMessages).as("transcript of conversation %d (%s)", outcome.index, seedMessage())
					.isEqualTo(outcome.expectedMessages);
			}
			SessionSnapshot rest = awaitRest(session);
			long leaks = rest.inFlight() + rest.queued();
			System.out.printf("chaos seed=%d turns=%d faults=%d recovered=%d failed-typed=%d conversations-transport-only=%d leaks=%d%n",
					this.seed, turnsDone.get(), this.faults.size(), this.recovered.get(), this.typedFailures.get(),
					transportOnly, leaks);
			assertThat(leaks).as("turns left in flight or queued (%s)", seedMessage()).isZero();
			assertThat(this.faults).as("faults were injected").hasSizeGreaterThan(100);
			assertThat(turnsDone.get()).isEqualTo((long) CONVERSATIONS * TURNS);
		}
	}

	private Mono<Outcome> conversation(ResponsesSession session, int index, NetworkProxy proxy, AtomicLong turnsDone) {
		Conversation conversation = Conversation.builder(session)
			.settings(CreateResponse.builder().model("chaos").store(false).build())
			.build();
		Outcome outcome = new Outcome(index);
		return Flux.range(0, TURNS).concatMap((turn) -> {
			String text = "c" + index + "-t" + turn;
			proxyFault(proxy, index, turn);
			return attempt(conversation, text, 1).doOnNext((ok) -> {
				turnsDone.incrementAndGet();
				if (ok) {
					outcome.completed++;
					outcome.expectedMessages.add(text);
				}
				else {
					outcome.hitByApiError = true;
				}
			});
		}).then(Mono.fromCallable(() -> {
			for (JsonNode item : conversation.transcript()) {
				if ("user".equals(item.path("role").asString(null))) {
					outcome.userMessages.add(item.path("content").asString(""));
				}
			}
			return outcome;
		}));
	}

	/** @return whether the turn completed; false when it failed with an API error */
	private Mono<Boolean> attempt(Conversation conversation, String text, int attempt) {
		return conversation.execute(InputMessage.user(text))
			.timeout(TURN_TIMEOUT, Mono.error(() -> new AssertionError("Turn " + text + " did not end within "
					+ TURN_TIMEOUT + " (" + seedMessage() + ")")))
			.map((response) -> {
				if (attempt > 1) {
					this.recovered.incrementAndGet();
				}
				return true;
			})
			.onErrorResume((error) -> {
				if (error instanceof AssertionError || error instanceof TimeoutException) {
					return Mono.error(error);
				}
				if (!(error instanceof ResponsesException)) {
					this.untyped.add(error);
					return Mono.just(false);
				}
				if (isTransportFault(error) && attempt < MAX_ATTEMPTS) {
					return Mono.delay(Duration.ofMillis(20L * attempt)).then(attempt(conversation, text, attempt + 1));
				}
				this.typedFailures.incrementAndGet();
				return Mono.just(false);
			});
	}

	private static boolean isTransportFault(Throwable error) {
		return error instanceof ConnectionClosedException || error instanceof ResponsesTimeoutException
				|| error instanceof TransportException || error instanceof ProtocolDecodingException;
	}

	private void proxyFault(NetworkProxy proxy, int conversation, int turn) {
		SplittableRandom random = new SplittableRandom(this.seed * 31 + conversation * 1000L + turn + 7);
		int roll = random.nextInt(1000);
		if (roll < 3) {
			this.faults.put("proxy-reset-" + conversation + "-" + turn, "reset");
			proxy.resetAll();
		}
		else if (roll < 5) {
			this.faults.put("proxy-refuse-" + conversation + "-" + turn, "refuse");
			proxy.refuseConnections(true);
			Mono.delay(Duration.ofMillis(50)).subscribe((tick) -> proxy.refuseConnections(false));
		}
	}

	private OutputPlan respond(TurnContext turn) {
		String text = turn.lastUserText();
		OutputPlan answer = OutputPlan.text("answer to " + text);
		if (text == null || this.attempts.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet() > 1) {
			return answer;
		}
		String[] parts = text.substring(1).split("-t");
		SplittableRandom random = new SplittableRandom(this.seed + Integer.parseInt(parts[0]) * 1000L
				+ Integer.parseInt(parts[1]));
		int roll = random.nextInt(100);
		String fault = null;
		OutputPlan plan = answer;
		if (roll < 4) {
			fault = "reset mid-stream";
			plan = answer.disconnectAfter(random.nextInt(7));
		}
		else if (roll < 7) {
			fault = "stall";
			plan = answer.delay(Duration.ofMillis(1_200));
		}
		else if (roll < 9) {
			fault = "429";
			plan = OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
					Map.of("retry-after-ms", "100", "x-ratelimit-remaining-requests", "0"));
		}
		else if (roll < 10) {
			fault = "500";
			plan = OutputPlan.error(500, "server_error", "server_error", "Internal error");
		}
		else if (roll < 12) {
			fault = "malformed frame";
			plan = answer.malformedFrameAfter(random.nextInt(6));
		}
		else if (roll < 14) {
			fault = "connection limit";
			plan = OutputPlan.error(400, "invalid_request_error", "websocket_connection_limit_reached",
					"This connection has reached its maximum duration.");
		}
		if (fault != null) {
			this.faults.put(text, fault);
		}
		return plan;
	}

	/** The session once nothing is in flight or queued, or as it is after 10 seconds. */
	private static SessionSnapshot awaitRest(ResponsesSession session) {
		try {
			return await("the session at rest").atMost(Duration.ofSeconds(10))
				.until(session::snapshot, (snapshot) -> snapshot.inFlight() == 0 && snapshot.queued() == 0);
		}
		catch (ConditionTimeoutException ex) {
			return session.snapshot();
		}
	}

	private String seedMessage() {
		return "repeat with -Dchaos.seed=" + this.seed;
	}

	private static final class Outcome {

		final int index;

		int completed;

		boolean hitByApiError;

		final List<String> expectedMessages = new ArrayList<>();

		final List<String> userMessages = new ArrayList<>();

		Outcome(int index) {
			this.index = index;
		}

	}

}
