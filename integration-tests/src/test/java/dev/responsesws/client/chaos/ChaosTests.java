package dev.responsesws.client.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionSnapshot;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.NettyLeakDetection;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Transport;
import dev.responsesws.test.proxy.NetworkProxy;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of turns over 50 conversations through the fault proxy, with seeded random
 * {@link SeededFaults faults} on the first attempt of a turn, over WebSocket, over HTTP, and
 * over a session that falls back to HTTP when the server stops offering WebSocket mode in the
 * middle of the run. Every fifth conversation reads its events one at a time with a delay, so
 * that backpressure meets the faults. Every turn must end, with its terminal event or a typed
 * error, within its timeout; conversations hit only by transport faults must complete through
 * replay with intact transcripts; the session must return to rest, and no Netty buffer may
 * leak. Run with {@code -Dchaos.seed=N} to repeat a run.
 */
@ExtendWith(NettyLeakDetection.class)
class ChaosTests {

	private static final int CONVERSATIONS = 50;

	/** Turns per conversation over WebSocket, where a turn sends only its new items. */
	private static final int WEBSOCKET_TURNS = 40;

	/**
	 * Turns per conversation when HTTP is involved, where every turn sends the whole transcript
	 * and the run takes longer; still well over 100 faults.
	 */
	private static final int HTTP_TURNS = 25;

	private static final int CONCURRENT_CONVERSATIONS = 10;

	private static final int SLOW_EVERY = 5;

	/**
	 * Attempts of a turn that meets transport faults, with a doubling delay between them, so
	 * that faults coming in bursts (a proxy reset during a retry, events late on a busy machine)
	 * are overcome, while a fault that comes back on every attempt fails the run.
	 */
	private static final int MAX_ATTEMPTS = 6;

	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(15);

	private final long seed = Long.getLong("chaos.seed", 20261125L);

	private final SeededFaults faults = new SeededFaults(this.seed);

	private final AtomicLong turnsDone = new AtomicLong();

	private final AtomicLong recovered = new AtomicLong();

	private final AtomicLong typedFailures = new AtomicLong();

	private final AtomicLong unrecovered = new AtomicLong();

	private final List<Throwable> untyped = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	@Test
	void everyTurnEndsOverWebSocket() throws InterruptedException {
		Run run = run("WEBSOCKET", TransportMode.WEBSOCKET, WEBSOCKET_TURNS);
		assertThat(run.finalTransport()).isEqualTo(TransportMode.WEBSOCKET);
		assertThat(run.requestTransports()).containsOnly(Transport.WEBSOCKET);
	}

	@Test
	void everyTurnEndsOverHttp() throws InterruptedException {
		Run run = run("HTTP", TransportMode.HTTP, HTTP_TURNS);
		assertThat(run.finalTransport()).isEqualTo(TransportMode.HTTP);
		assertThat(run.requestTransports()).containsOnly(Transport.HTTP);
	}

	/**
	 * A deploy in the middle of the run: the new servers refuse the upgrade with 426, and the
	 * old ones close their connections with 1001 (going away), so the turns that follow must
	 * reconnect, and the session falls back to HTTP.
	 */
	@Test
	void everyTurnEndsWhenTheServerDropsWebSocketModeMidRun() throws InterruptedException {
		long total = (long) CONVERSATIONS * HTTP_TURNS;
		long deployAt = new SplittableRandom(this.seed).nextLong(total / 4, total * 5 / 12);
		Run run = run("WEBSOCKET->HTTP", TransportMode.WEBSOCKET, HTTP_TURNS, deployAt, (server) -> {
			server.rejectUpgrades(426);
			server.closeAll(1001, "Server restarting");
		});
		assertThat(run.finalTransport()).as("the transport after the deploy (%s)", seedMessage())
			.isEqualTo(TransportMode.HTTP);
		assertThat(run.requestTransports()).containsOnly(Transport.WEBSOCKET, Transport.HTTP);
	}

	private Run run(String name, TransportMode transport, int turns) throws InterruptedException {
		return run(name, transport, turns, 0, (server) -> {
		});
	}

	/**
	 * Run the scenario and check what holds on every transport.
	 * @param name the transport's name in the summary line
	 * @param transport the transport the session starts on
	 * @param turns the turns of each conversation
	 * @param changeAt after how many completed turns the server changes, 0 for never
	 * @param change how the server changes
	 */
	private Run run(String name, TransportMode transport, int turns, long changeAt, ServerChange change)
			throws InterruptedException {
		List<Outcome> outcomes;
		SessionSnapshot rest;
		Set<Transport> requestTransports;
		try (MockResponsesServer server = MockResponsesServer.builder().responder(this.faults).start();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).start();
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + proxy.port() + "/v1")
					.transport(transport)
					.fallbackToHttp(true)
					.connections(0, 10)
					.idleTimeout(Duration.ofSeconds(1))
					.connectTimeout(Duration.ofSeconds(2))
					.reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
					.queue(256, Duration.ofSeconds(10))
					.closeGrace(Duration.ofSeconds(2))
					.build()) {
			Runnable afterTurn = () -> {
				if (this.turnsDone.incrementAndGet() == changeAt) {
					change.apply(server);
				}
			};
			outcomes = Flux.range(0, CONVERSATIONS)
				.flatMap((index) -> conversation(session, index, turns, proxy, afterTurn), CONCURRENT_CONVERSATIONS)
				.collectList()
				.block(Duration.ofMinutes(5));
			rest = awaitRest(session);
			requestTransports = server.recordedRequests()
				.stream()
				.map(RecordedFrame::transport)
				.collect(Collectors.toSet());
		}
		List<String> leakedBuffers = NettyLeakDetection.collectLeaks();
		assertThat(outcomes).as(seedMessage()).hasSize(CONVERSATIONS);
		long transportOnly = outcomes.stream().filter((outcome) -> !outcome.hitByApiError).count();
		long leaks = rest.inFlight() + rest.queued() + leakedBuffers.size();
		System.out.printf("chaos transport=%s seed=%d turns=%d faults=%d recovered=%d failed-typed=%d unrecovered=%d "
				+ "conversations-transport-only=%d leaks=%d (in-flight=%d queued=%d buffers=%d) errors=%s%n", name,
				this.seed, this.turnsDone.get(), this.faults.injected(), this.recovered.get(), this.typedFailures.get(),
				this.unrecovered.get(), transportOnly, leaks, rest.inFlight(), rest.queued(), leakedBuffers.size(),
				errorCounts());
		assertThat(this.untyped).as("errors that are not ResponsesException (%s)", seedMessage()).isEmpty();
		assertThat(this.unrecovered)
			.as("turns still failing for the transport after %d attempts, errors %s (%s)", MAX_ATTEMPTS, errorCounts(),
					seedMessage())
			.hasValue(0);
		for (Outcome outcome : outcomes) {
			if (!outcome.hitByApiError) {
				assertThat(outcome.completed).as("conversation %d completed (%s)", outcome.index, seedMessage())
					.isEqualTo(turns);
			}
			assertThat(outcome.userMessages).as("transcript of conversation %d (%s)", outcome.index, seedMessage())
				.isEqualTo(outcome.expectedMessages);
		}
		assertThat(rest.inFlight()).as("turns left in flight (%s)", seedMessage()).isZero();
		assertThat(rest.queued()).as("turns left queued (%s)", seedMessage()).isZero();
		assertThat(leakedBuffers).as("leaked buffers (%s)", seedMessage()).isEmpty();
		assertThat(this.faults.injected()).as("faults were injected").isGreaterThan(100);
		assertThat(this.turnsDone.get()).isEqualTo((long) CONVERSATIONS * turns);
		return new Run(rest.transport(), requestTransports);
	}

	private Mono<Outcome> conversation(ResponsesSession session, int index, int turns, NetworkProxy proxy,
			Runnable afterTurn) {
		Conversation conversation = Conversation.builder(session)
			.settings(CreateResponse.builder().model("chaos").store(false).build())
			.build();
		@Nullable Duration readDelay = (index % SLOW_EVERY == 0) ? Duration.ofMillis(1 + index % 3) : null;
		Outcome outcome = new Outcome(index);
		return Flux.range(0, turns).concatMap((turn) -> {
			String text = "c" + index + "-t" + turn;
			this.faults.beforeTurn(proxy, index, turn);
			return attempt(conversation, text, readDelay, 1).doOnNext((end) -> {
				if (end == TurnEnd.COMPLETED) {
					outcome.completed++;
					outcome.expectedMessages.add(text);
				}
				else if (end == TurnEnd.OTHER_ERROR) {
					outcome.hitByApiError = true;
				}
				afterTurn.run();
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

	/**
	 * Run a turn, and again after a transport fault.
	 * @param readDelay how long the subscriber takes over each event, one event at a time, or
	 * {@code null} to read at full speed
	 * @return how the turn ended
	 */
	private Mono<TurnEnd> attempt(Conversation conversation, String text, @Nullable Duration readDelay,
			int attempt) {
		return response(conversation, text, readDelay)
			.timeout(TURN_TIMEOUT, Mono.error(() -> new AssertionError("Turn " + text + " did not end within "
					+ TURN_TIMEOUT + " (" + seedMessage() + ")")))
			.map((response) -> {
				if (attempt > 1) {
					this.recovered.incrementAndGet();
				}
				return TurnEnd.COMPLETED;
			})
			.onErrorResume((error) -> {
				if (error instanceof AssertionError || error instanceof TimeoutException) {
					return Mono.error(error);
				}
				this.errors.computeIfAbsent(errorKind(error), (kind) -> new LongAdder()).increment();
				if (!(error instanceof ResponsesException)) {
					this.untyped.add(error);
					return Mono.just(TurnEnd.OTHER_ERROR);
				}
				if (!isTransportFault(error)) {
					this.typedFailures.incrementAndGet();
					return Mono.just(TurnEnd.OTHER_ERROR);
				}
				if (attempt < MAX_ATTEMPTS) {
					return Mono.delay(Duration.ofMillis(25L << attempt))
						.then(attempt(conversation, text, readDelay, attempt + 1));
				}
				this.typedFailures.incrementAndGet();
				this.unrecovered.incrementAndGet();
				return Mono.just(TurnEnd.TRANSPORT_FAULTS);
			});
	}

	/** The turn's final response, read slowly when a delay is given. */
	private static Mono<Response> response(Conversation conversation, String text, @Nullable Duration readDelay) {
		Flux<ResponseEvent> events = conversation.send(InputMessage.user(text));
		if (readDelay != null) {
			events = events.limitRate(1).delayElements(readDelay);
		}
		return events.ofType(ResponseTerminalEvent.class).last().flatMap((terminal) -> {
			if (terminal instanceof ResponseFailedEvent failed) {
				return Mono.error(new ResponseFailedException(failed.response()));
			}
			return Mono.just(terminal.response());
		});
	}

	private static boolean isTransportFault(Throwable error) {
		return error instanceof ConnectionClosedException || error instanceof ResponsesTimeoutException
				|| error instanceof TransportException || error instanceof ProtocolDecodingException;
	}

	/** The error's class, and its cause's for a transport failure, which says what failed. */
	private static String errorKind(Throwable error) {
		Throwable cause = error.getCause();
		if (error instanceof TransportException && cause != null) {
			return error.getClass().getSimpleName() + "/" + cause.getClass().getSimpleName();
		}
		return error.getClass().getSimpleName();
	}

	private Map<String, Long> errorCounts() {
		Map<String, Long> counts = new TreeMap<>();
		this.errors.forEach((kind, count) -> counts.put(kind, count.sum()));
		return counts;
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

	/** What the server does at one moment of the run. */
	@FunctionalInterface
	private interface ServerChange {

		void apply(MockResponsesServer server);

	}

	/** How a turn ended, after its attempts. */
	private enum TurnEnd {

		COMPLETED,

		/** Failed with an API error (or an error that is not typed, which fails the test). */
		OTHER_ERROR,

		/** Failed on every attempt with transport faults, which a later attempt should overcome. */
		TRANSPORT_FAULTS

	}

	/**
	 * How a run ended.
	 * @param finalTransport the session's transport at the end
	 * @param requestTransports the transports the server received requests over
	 */
	private record Run(TransportMode finalTransport, Set<Transport> requestTransports) {
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
