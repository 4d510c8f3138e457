package dev.responsesws.client.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedClose;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.proxy.NetworkProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session through 24 hours of virtual time against the simulator, over real sockets and a
 * {@link NetworkProxy}: bursts of concurrent two-turn conversations, more than the pool's
 * connections, in the busy hours; idle hours longer than the maximum connection age; the
 * server's age limit ({@link MockResponsesServer#expireConnections()}); the key refused for 10
 * minutes; a server restart on the same port; a network stall of 5 minutes.
 *
 * <p>Virtual time ({@link VirtualTimeScheduler}, installed before the session is built) drives
 * the pool's clock and timers: connection ages and the age timer, the acquire timeout, the
 * connect timeout and the back-off windows. It moves only between steps; the network I/O of
 * each step completes in real time while it stands still. At every step it asserts that open
 * plus connecting connections never exceed the maximum; once the session has been idle for the
 * maximum age, that no connection holds a slot and none is still open at the simulator or the
 * proxy; that no turn took longer, in virtual time, than its deadline (the acquire timeout
 * plus the connect timeout) and that every turn ended; after each fault clears, that a turn
 * succeeds within one maximum back-off. At the end, every close the client started (rotations,
 * idle timeouts during the stall) carried a close frame, as the simulator records it; the
 * connections the server cut at its restart are left out, by id, and so are upgrades the client
 * had already given up with its connect timeout, which the stalled network delivered late
 * (accepted after the stall, no request, no WebSocket on the client's side).
 *
 * <p>What virtual time cannot check: the idle timeout, the ping interval and the time a close
 * frame may take run on Netty's event loops in real time, so the turns caught on a stalled
 * connection are checked to end with the idle timeout (within a real-time bound), not against
 * a deadline in virtual time; while the server is down and while probing for recovery, virtual
 * time moves on by 100 ms per 5 ms of real waiting, so a connect that only a timer of the pool
 * ends does end; and the simulator's own age limit is in real time, so the
 * server's limit is applied with {@code expireConnections()}, to the one connection open after
 * an idle period (several connections past the limit at once are the subject of
 * {@code TransportFailoverTests}).
 */
class SessionSoakTests {

	private static final String KEY = "sk-soak";

	private static final int MAX = 4;

	private static final int BURST = 10;

	private static final Duration MAX_AGE = Duration.ofMinutes(55);

	private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/** Real time: how long a turn may go without an event, so a stalled one ends. */
	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

	private static final long MINUTE = Duration.ofMinutes(1).toMillis();

	private static final long PROBE = Duration.ofSeconds(1).toMillis();

	private static final long DAY = Duration.ofHours(24).toMillis();

	/** Real time: the most a step's network I/O may take before the test calls it hung. */
	private static final Duration REAL_BOUND = Duration.ofSeconds(20);

	private static final Set<Integer> BUSY_HOURS = Set.of(0, 1, 2, 8, 9, 10, 13, 15, 16, 17, 20);

	private final List<Incarnation> incarnations = new ArrayList<>();

	private final List<Outcome> outcomes = new ArrayList<>();

	private VirtualTimeScheduler clock;

	private MockResponsesServer server;

	private NetworkProxy proxy;

	private ResponsesSession session;

	private int faults;

	private int recoveries;

	private long slowestRecovery;

	private long lastActivity;

	private boolean idleChecked;

	private int idlePeriods;

	private int slotsLeaked;

	private int maxInUse;

	@Test
	void sessionBehavesOverADayOfTraffic_idleHours_andFaults() {
		long realStart = System.nanoTime();
		this.clock = VirtualTimeScheduler.getOrSet();
		this.server = MockResponsesServer.builder().apiKey(KEY).start();
		this.incarnations.add(new Incarnation(this.server, new HashSet<>(), new HashSet<>()));
		this.proxy = NetworkProxy.builder("127.0.0.1", this.server.port()).start();
		this.session = ResponsesSession.builder()
			.baseUrl("http://127.0.0.1:" + this.proxy.port() + "/v1")
			.apiKey(KEY)
			.connections(0, MAX)
			.queue(64, ACQUIRE_TIMEOUT)
			.maxConnectionAge(MAX_AGE)
			.connectTimeout(CONNECT_TIMEOUT)
			.idleTimeout(IDLE_TIMEOUT)
			.reconnectBackoff(Duration.ofSeconds(1), MAX_BACKOFF)
			.build();
		try {
			runDay();
			VirtualTimeScheduler.reset();
			this.session.close(Duration.ofSeconds(5)).block(REAL_BOUND);
			int checkedCloses = assertClientClosesCarriedACloseFrame();
			long late = this.outcomes.stream().filter(Outcome::late).count();
			long failed = this.outcomes.stream().filter((outcome) -> outcome.error != null).count();
			assertThat(late).as("turns that took longer than their deadline").isZero();
			assertThat(this.slotsLeaked).isZero();
			assertThat(this.recoveries).isEqualTo(this.faults);
			System.out.printf(
					"soak: %d simulated hours, %d turns (%d failed during faults), %d faults, %d recoveries "
							+ "(slowest %d ms), %d idle periods, slots leaked=%d, late turns=%d, max in use=%d/%d, "
							+ "client closes with a close frame=%d/%d, %d rotations, real time %d ms%n",
					this.clock.now(TimeUnit.HOURS), this.outcomes.size(), failed, this.faults, this.recoveries,
					this.slowestRecovery, this.idlePeriods, this.slotsLeaked, late, this.maxInUse, MAX, checkedCloses,
					checkedCloses, this.session.snapshot().rotations(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - realStart));
		}
		finally {
			VirtualTimeScheduler.reset();
			this.session.close(Duration.ofSeconds(5)).block(REAL_BOUND);
			this.proxy.close();
			this.server.close();
		}
	}

	private void runDay() {
		while (now() < DAY) {
			long at = now() / MINUTE;
			if (at == 8 * 60 || at == 20 * 60) {
				serverAgeLimit();
			}
			else if (at == 12 * 60) {
				keyRefusedForTenMinutes();
			}
			else if (at == 13 * 60 + 30) {
				serverRestart();
			}
			else if (at == 16 * 60 + 20) {
				networkStall();
			}
			else if (BUSY_HOURS.contains((int) (at / 60)) && at % 10 == 0) {
				assertAllSucceeded(burst(BURST, "burst " + at), "burst at minute " + at);
			}
			advanceTo((at + 1) * MINUTE);
		}
	}

	/**
	 * The server refuses the next request on the connection open after an idle period with its
	 * age limit, as a server whose clock runs ahead of the client's would, when a burst comes.
	 * One connection past the limit; several are covered by
	 * {@code TransportFailoverTests.turnRefusedForTheServersAgeLimitRunsAgainOnAConnectionOpenedSince}.
	 */
	private void serverAgeLimit() {
		assertThat(this.session.snapshot().connectionsOpen()).as("connections after the idle hours").isZero();
		assertAllSucceeded(burst(1, "first after idle " + now() / MINUTE), "the turn after the idle hours");
		long rotations = this.session.snapshot().rotations();
		this.server.expireConnections();
		this.faults++;
		long clearedAt = now();
		assertAllSucceeded(burst(BURST, "expired " + now() / MINUTE), "the burst after the server's age limit");
		// the refused connection, and at most one idle connection of the burst opened before the
		// refusal, closed to make room for the retry's new connection
		assertThat(this.session.snapshot().rotations()).as("connections retired for the server's limit")
			.isBetween(rotations + 1, rotations + 2);
		recovered(clearedAt);
	}

	/** The server refuses the key for 10 minutes, with turns every 10 seconds, then accepts it. */
	private void keyRefusedForTenMinutes() {
		assertThat(this.session.snapshot().connectionsOpen()).as("no connection left to bypass the key").isZero();
		this.server.apiKey("sk-revoked");
		this.faults++;
		long clearAt = now() + Duration.ofMinutes(10).toMillis();
		while (now() < clearAt) {
			for (Outcome outcome : burst(3, "refused " + now())) {
				assertThat(outcome.error).as("a turn while the key is refused")
					.satisfiesAnyOf(
							(error) -> assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
									(rejected) -> assertThat(rejected.status()).isEqualTo(401)),
							(error) -> assertThat(error).isInstanceOf(ConnectBackoffException.class)
								.cause()
								.isInstanceOfSatisfying(HandshakeRejectedException.class,
										(rejected) -> assertThat(rejected.status()).isEqualTo(401)));
			}
			advanceTo(now() + 10 * PROBE);
		}
		this.server.apiKey(KEY);
		probeUntilRecovered(now());
	}

	/**
	 * The server stops while a turn runs and comes back on the same port 3 minutes later; turns
	 * meanwhile fail at once.
	 */
	private void serverRestart() {
		assertAllSucceeded(burst(BURST, "before restart"), "the burst before the restart");
		settle();
		assertThat(this.session.snapshot().connectionsOpen()).as("connections for the restart to cut").isPositive();
		CompletableFuture<Void> never = new CompletableFuture<>();
		this.server.enqueue(OutputPlan.text("held").holdUntil(never));
		int requests = this.server.recordedRequests().size();
		CompletableFuture<Outcome> held = turn("held across the restart", null).toFuture();
		await("the held turn reached the server").atMost(REAL_BOUND)
			.until(() -> this.server.recordedRequests().size() > requests);
		Incarnation old = this.incarnations.get(this.incarnations.size() - 1);
		Set<String> closed = new HashSet<>();
		this.server.recordedCloses().forEach((close) -> closed.add(close.connectionId()));
		for (int id = 1; id <= this.server.acceptedConnections(); id++) {
			if (!closed.contains("ws-" + id)) {
				old.cutByServer().add("ws-" + id);
			}
		}
		int port = this.server.port();
		this.server.close();
		this.faults++;
		Outcome cut = held.orTimeout(REAL_BOUND.toMillis(), TimeUnit.MILLISECONDS).join();
		record(List.of(cut));
		assertThat(cut.error).as("the turn running when the server stopped").isInstanceOf(ConnectionClosedException.class);
		long restartAt = now() + Duration.ofMinutes(3).toMillis();
		while (now() < restartAt) {
			for (Outcome outcome : burst(2, "down " + now(), true)) {
				// refused, refused during the back-off, past the connect timeout (virtual time runs
				// on while the refusal travels in real time), or sent on a connection whose loss
				// the client had not yet read, which then ends before any event
				assertThat(outcome.error).as("a turn while the server is down")
					.isInstanceOfAny(TransportException.class, ConnectBackoffException.class,
							ResponsesTimeoutException.class, ConnectionClosedException.class);
				if (outcome.error instanceof ResponsesTimeoutException timeout) {
					assertThat(timeout).hasMessageContaining("Could not open a connection");
				}
				if (outcome.error instanceof ConnectionClosedException lost) {
					assertThat(lost.eventsReceived()).isZero();
				}
			}
			advanceTo(now() + 10 * PROBE);
		}
		this.server = restart(port);
		this.incarnations.add(new Incarnation(this.server, new HashSet<>(), new HashSet<>()));
		probeUntilRecovered(now());
	}

	private static MockResponsesServer restart(int port) {
		// the port may take a moment to be free again
		return await("the simulator listening again on port " + port).atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> MockResponsesServer.builder().port(port).apiKey(KEY).start(), Objects::nonNull);
	}

	/**
	 * The network stops forwarding for 5 minutes while every connection is open: the turns sent
	 * on them end with the idle timeout (real time) and their connections close with 1001; the
	 * turns queued behind them end with the acquire timeout (virtual time).
	 */
	private void networkStall() {
		assertAllSucceeded(burst(BURST, "before stall"), "the burst before the stall");
		settle();
		assertThat(this.session.snapshot().connectionsOpen()).as("every slot open when the stall starts")
			.isEqualTo(MAX);
		this.proxy.stall();
		this.faults++;
		long resumeAt = now() + Duration.ofMinutes(5).toMillis();
		List<CompletableFuture<Outcome>> stalled = new ArrayList<>();
		for (int i = 0; i < MAX + 2; i++) {
			stalled.add(turn("stalled " + i, null).toFuture());
		}
		await("the turns on the stalled connections end with the idle timeout").atMost(REAL_BOUND)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> {
				assertCapacity();
				return stalled.stream().filter(CompletableFuture::isDone).count() >= MAX;
			});
		while (now() < resumeAt) {
			advanceTo(now() + 10 * PROBE);
		}
		List<Outcome> ended = stalled.stream()
			.map((future) -> future.orTimeout(REAL_BOUND.toMillis(), TimeUnit.MILLISECONDS).join())
			.toList();
		// those that ended with the idle timeout or the close timeout ran on real-time timers
		record(ended.stream().map((outcome) -> outcome.realTime(outcome.error instanceof ConnectionClosedException
				|| String.valueOf(outcome.error.getMessage()).startsWith("No event for the turn"))).toList());
		for (Outcome outcome : ended) {
			assertThat(outcome.error).as("a turn during the stall")
				.isInstanceOfAny(ResponsesTimeoutException.class, ConnectionClosedException.class);
		}
		int acceptedBefore = this.server.acceptedConnections();
		this.proxy.resume();
		probeUntilRecovered(now());
		// upgrades the client gave up with its connect timeout, delivered when the network resumed
		Set<String> used = new HashSet<>();
		this.server.recordedRequests().forEach((frame) -> used.add(frame.connectionId()));
		for (int id = acceptedBefore + 1; id <= this.server.acceptedConnections(); id++) {
			if (!used.contains("ws-" + id)) {
				this.incarnations.get(this.incarnations.size() - 1).abandoned().add("ws-" + id);
			}
		}
	}

	/** A turn every second of virtual time until one succeeds, within one maximum back-off. */
	private void probeUntilRecovered(long clearedAt) {
		while (true) {
			Outcome outcome = burst(1, "probe " + now(), true).get(0);
			if (outcome.error == null) {
				recovered(clearedAt);
				return;
			}
			assertThat(now() - clearedAt).as("time since the cause cleared, with the turn failing with %s",
					outcome.error.toString())
				.isLessThanOrEqualTo(MAX_BACKOFF.toMillis());
			advanceTo(now() + PROBE);
		}
	}

	private void recovered(long clearedAt) {
		long took = now() - clearedAt;
		assertThat(took).as("a turn succeeded within one maximum back-off").isLessThanOrEqualTo(MAX_BACKOFF.toMillis());
		this.recoveries++;
		this.slowestRecovery = Math.max(this.slowestRecovery, took);
		assertAllSucceeded(burst(BURST, "after recovery " + now()), "the burst after a recovery");
		settle();
	}

	/**
	 * Run conversations of two turns at once and wait, in real time, for all to end.
	 * @return the outcomes of their turns
	 */
	private List<Outcome> burst(int conversations, String name) {
		return burst(conversations, name, false);
	}

	/**
	 * Run conversations of two turns at once and wait, in real time, for all to end.
	 * @param advancing whether to move virtual time on by 100 ms at a time while waiting, for
	 * turns that may wait for a timer of the pool (a connect through a network that does not
	 * answer ends with the connect timeout)
	 * @return the outcomes of their turns
	 */
	private List<Outcome> burst(int conversations, String name, boolean advancing) {
		Mono<List<Outcome>> all = Flux.range(0, conversations)
			.flatMap((i) -> conversation(name + " #" + i))
			.flatMapIterable((turns) -> turns)
			.collectList();
		CompletableFuture<List<Outcome>> done = all.toFuture();
		await(name).atMost(REAL_BOUND).pollInterval(Duration.ofMillis(5)).until(() -> {
			assertCapacity();
			if (advancing && !done.isDone()) {
				this.clock.advanceTimeBy(Duration.ofMillis(100));
			}
			return done.isDone();
		});
		List<Outcome> ended = done.join();
		record(ended);
		return ended;
	}

	/**
	 * A conversation of two turns, stored: with more conversations than connections a queued
	 * turn may take the connection that held the first answer in memory before the second turn
	 * comes, and only a stored answer survives that.
	 */
	private Mono<List<Outcome>> conversation(String name) {
		return turn(name + " first", null).flatMap((first) -> (first.response == null) ? Mono.just(List.of(first))
				: turn(name + " second", first.response.id()).map((second) -> List.of(first, second)));
	}

	private Mono<Outcome> turn(String text, @Nullable String previous) {
		CreateResponse request = CreateResponse.builder()
			.model("test-model")
			.input(InputMessage.user(text))
			.store(true)
			.previousResponseId(previous)
			.build();
		return Mono.defer(() -> {
			long started = now();
			return this.session.execute(request)
				.map((response) -> new Outcome(text, started, now(), response, null, false))
				.onErrorResume((error) -> Mono.just(new Outcome(text, started, now(), null, error, false)));
		});
	}

	private void record(List<Outcome> ended) {
		this.outcomes.addAll(ended);
		for (Outcome outcome : ended) {
			assertThat(outcome.late()).as("%s took %d ms of virtual time, past its deadline", outcome.text,
					outcome.ended - outcome.started)
				.isFalse();
		}
		this.lastActivity = now();
		this.idleChecked = false;
	}

	private static void assertAllSucceeded(List<Outcome> ended, String what) {
		for (Outcome outcome : ended) {
			assertThat(outcome.error).as("%s: %s", what, outcome.text).isNull();
			assertThat(outcome.response.outputText()).isEqualTo("You said: " + outcome.text);
		}
	}

	/** Wait until the turns have ended and the simulator has as many connections as the pool. */
	private void settle() {
		await("the session and the simulator agree").atMost(REAL_BOUND).pollInterval(Duration.ofMillis(5)).until(() -> {
			SessionSnapshot snapshot = this.session.snapshot();
			return snapshot.inFlight() == 0 && snapshot.queued() == 0 && snapshot.connectionsConnecting() == 0
					&& this.server.openConnections() == snapshot.connectionsOpen();
		});
	}

	/** Move virtual time, a minute at most at a time, checking the pool at every step. */
	private void advanceTo(long target) {
		while (now() < target) {
			this.clock.advanceTimeBy(Duration.ofMillis(Math.min(MINUTE, target - now())));
			assertCapacity();
			if (now() - this.lastActivity >= MAX_AGE.toMillis()) {
				assertNothingLeftAfterIdle();
			}
		}
	}

	private void assertCapacity() {
		SessionSnapshot snapshot = this.session.snapshot();
		int inUse = snapshot.connectionsOpen() + snapshot.connectionsConnecting();
		this.maxInUse = Math.max(this.maxInUse, inUse);
		assertThat(inUse).as("open + connecting (%s)", snapshot).isLessThanOrEqualTo(MAX);
	}

	/**
	 * Idle for the maximum age: every connection retired, its slot free, and none still open at
	 * the simulator or the proxy.
	 */
	private void assertNothingLeftAfterIdle() {
		SessionSnapshot snapshot = this.session.snapshot();
		int held = snapshot.connectionsOpen() + snapshot.connectionsConnecting() + snapshot.inFlight()
				+ snapshot.queued();
		this.slotsLeaked += held;
		assertThat(held).as("slots held after %d min idle (%s)", (now() - this.lastActivity) / MINUTE, snapshot)
			.isZero();
		if (!this.idleChecked) {
			await("retired connections closed at the simulator and the proxy").atMost(REAL_BOUND)
				.pollInterval(Duration.ofMillis(5))
				.until(() -> this.server.openConnections() == 0 && this.proxy.openConnections() == 0);
			this.idleChecked = true;
			this.idlePeriods++;
		}
	}

	/**
	 * @return the number of closes checked: those of every incarnation of the simulator but
	 * the connections it cut itself when it stopped
	 */
	private int assertClientClosesCarriedACloseFrame() {
		int checked = 0;
		for (Incarnation incarnation : this.incarnations) {
			await("every connection of the simulator ended").atMost(REAL_BOUND)
				.until(() -> incarnation.server().openConnections() == 0);
			Set<String> used = new HashSet<>();
			incarnation.server().recordedRequests().stream().map(RecordedFrame::connectionId).forEach(used::add);
			for (RecordedClose close : incarnation.server().recordedCloses()) {
				if (incarnation.cutByServer().contains(close.connectionId())
						|| (incarnation.abandoned().contains(close.connectionId()) && !close.hadCloseFrame())) {
					continue;
				}
				assertThat(close.code()).as("close of %s (%s), used: %s", close.connectionId(), close.reason(),
						used.contains(close.connectionId()))
					.isIn(1000, 1001);
				checked++;
			}
		}
		assertThat(checked).as("client closes checked").isPositive();
		return checked;
	}

	private long now() {
		return this.clock.now(TimeUnit.MILLISECONDS);
	}


	/**
	 * A simulator run, the connections it cut itself when it stopped, and those whose upgrade
	 * arrived after the client had given it up (no WebSocket existed on the client's side).
	 */
	private record Incarnation(MockResponsesServer server, Set<String> cutByServer, Set<String> abandoned) {
	}

	/**
	 * How a turn ended, and when in virtual time.
	 * @param realTime whether a real-time timer ended it (the idle timeout), so that its
	 * duration in virtual time says nothing about its deadline
	 */
	private record Outcome(String text, long started, long ended, @Nullable Response response,
			@Nullable Throwable error, boolean realTime) {

		boolean late() {
			return !this.realTime && this.ended - this.started > ACQUIRE_TIMEOUT.plus(CONNECT_TIMEOUT).toMillis();
		}

		Outcome realTime(boolean realTime) {
			return new Outcome(this.text, this.started, this.ended, this.response, this.error, realTime);
		}

	}

}
