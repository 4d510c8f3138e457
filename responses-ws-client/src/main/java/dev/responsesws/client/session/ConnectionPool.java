package dev.responsesws.client.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.error.SessionSaturatedException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.internal.transport.ConnectionListener;
import dev.responsesws.client.internal.transport.SchedulerClock;
import dev.responsesws.client.internal.transport.WebSocketConnection;
import dev.responsesws.client.request.CreateResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The session's WebSocket connections.
 *
 * <p>A turn gets, in this order: the connection holding its {@code previous_response_id} in
 * memory (cache affinity; without lanes the turn is queued there behind a running one if need
 * be, as the server does; with lanes it runs on the chain's lane while the connection runs fewer
 * than the turns per connection, and otherwise waits for that connection, at most the chain
 * continuation's maximum delay, rather than move and replay its transcript), a connection with
 * room for a new chain, a new connection while fewer than the maximum exist, a connection that
 * can run one more turn (with lanes on a lane no chain holds, otherwise on the lane of the chain
 * used least recently, the least likely to continue; without lanes in place of the
 * connection's chain), or a place in a bounded queue until one frees up or the acquire timeout
 * passes. Room for a new chain is, without lanes, an idle connection that holds no response;
 * with lanes, a connection that runs fewer turns and holds fewer chains than the turns per
 * connection, so that every chain it holds can run its next turn at once. With lanes, a turn
 * that needs room for a new chain waits for a connection being opened rather than crowd
 * another's chains. A chain whose turn ended less than the continuation window ago keeps its
 * place from a turn that would take it ({@link ChainKeeping}), for at most the maximum delay of
 * that turn. Freed room goes first to queued turns that continue a chain held there, then to the
 * others in the order they came. A failed TLS handshake (an untrusted certificate, or one for
 * another host) is not retried. A connection that reaches the maximum age retires: at once if
 * it is idle (it is closed with status 1000 and its slot is free), otherwise when its running
 * turns end; one refused with {@code websocket_connection_limit_reached} retires the same way.
 * The pool remembers why it stopped holding its most recent responses (evicted, connection
 * lost, rotated) for the chain metrics.
 *
 * <p>A failed connect opens a back-off window: the reconnect back-off, doubled for each
 * consecutive failed attempt up to the maximum, less up to half of it for jitter. A turn that
 * needs a new connection inside the window fails at once with {@link ConnectBackoffException},
 * the last failure as its cause; it neither extends the window nor counts as a connect failure.
 * The first turn after the window tries again, however many were refused inside it, and a
 * connect that succeeds ends the back-off. A turn that connects gets at most the connect
 * timeout for it: a failure worth retrying (a network error, a timeout, 429 or 5xx) is tried
 * again at the end of its window only if that is within the connect timeout. Times, connection
 * ages and last use included, come from {@link SchedulerClock}, the clock of
 * {@link Schedulers#parallel()} which runs the pool's timers (the age timer among them), so a
 * test can drive them all in virtual time.
 *
 * <p>Lanes are in use from the start unless the lane mode is {@link LaneMode#OFF};
 * {@link #stopLanes()} ends them for the rest of the pool's life.
 */
final class ConnectionPool {

	/** How many forgotten responses the pool remembers the reason for. */
	private static final int FORGOTTEN_KEPT = 4096;

	private final SessionConfig config;

	private final SessionStats stats;

	private final List<PooledConnection> connections = new ArrayList<>();

	/** The connection holding each response the server keeps in memory, for affinity in O(1). */
	private final Map<String, PooledConnection> holders = new HashMap<>();

	/** Why the most recent responses the pool stopped holding are gone, oldest first. */
	private final Map<String, ChainMissReason> forgotten = new LinkedHashMap<>(64, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, ChainMissReason> eldest) {
			return size() > FORGOTTEN_KEPT;
		}

	};

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final Listener listener = new Listener();

	private final ChainKeeping keeping;

	private int connecting;

	/** The sequence number of the last connection taken in. */
	private long lastSequence;

	private boolean closed;

	/** Consecutive failed connects, each of which opened a window. */
	private int consecutiveFailures;

	/** Counts back-off windows opened and closed, so that attempts overlapping one open it once. */
	private long backoffEpoch;

	/** The end of the back-off window, in milliseconds of {@link #now()}. */
	private long retryAtMillis;

	private @Nullable ResponsesException lastFailure;

	/** Whether new turns get a lane; written under the lock, read without it by the session. */
	private volatile boolean lanes;

	ConnectionPool(SessionConfig config, SessionStats stats) {
		this.config = config;
		this.stats = stats;
		this.lanes = config.laneMode() != LaneMode.OFF;
		this.keeping = new ChainKeeping(config.chainContinuation(), config.chainMaxDelay());
	}

	/**
	 * Return whether new turns get a lane.
	 * @return whether lanes are in use
	 */
	boolean lanesInUse() {
		return this.lanes;
	}

	/**
	 * Stop giving turns a lane, for the rest of the pool's life, after the server refused one.
	 * Every connection that carried a lane retires, closed once its running turns end: answers
	 * to its other lane requests may still be on their way, and the turns that follow should
	 * start where every request was sent without a lane.
	 * @return whether this call stopped the lanes, {@code false} when they were already stopped
	 */
	boolean stopLanes() {
		List<PooledConnection> idle = new ArrayList<>();
		synchronized (this) {
			if (!this.lanes) {
				return false;
			}
			this.lanes = false;
			for (PooledConnection pooled : new ArrayList<>(this.connections)) {
				if (pooled.usedLanes()) {
					pooled.retiring = true;
					if (takeOutIfIdleLocked(pooled)) {
						idle.add(pooled);
					}
				}
			}
		}
		idle.forEach(ConnectionPool::closeRetired);
		drain();
		return true;
	}

	/**
	 * Get a connection for a turn.
	 * @param request the request (its {@code previous_response_id} drives affinity)
	 * @return the lease; release it with {@link #release(Lease)} when the turn ends
	 */
	Mono<Lease> acquire(CreateResponse request) {
		return acquire(request, 0);
	}

	/**
	 * Return the sequence number of the last connection taken in, to tell the connections opened
	 * later.
	 * @return the sequence number
	 */
	synchronized long lastSequence() {
		return this.lastSequence;
	}

	/**
	 * Get a connection taken in after the given one, for a turn the server refused for its age
	 * limit: any connection opened before the refusal may be past that limit too. When the pool
	 * is full and none of the connections opened since is free, the least recently used idle
	 * older one is closed to make room for a new one.
	 * @param request the request
	 * @param sequence the {@link #lastSequence()} at the refusal
	 * @return the lease; release it with {@link #release(Lease)} when the turn ends
	 */
	Mono<Lease> acquireOpenedAfter(CreateResponse request, long sequence) {
		return acquire(request, sequence);
	}

	private Mono<Lease> acquire(CreateResponse request, long openedAfter) {
		return Mono.create((sink) -> {
			Waiter waiter = new Waiter(request, openedAfter, now(), sink);
			sink.onCancel(() -> cancelled(waiter));
			Runnable action;
			synchronized (this) {
				this.keeping.saw(waiter);
				action = decide(waiter, true);
			}
			if (action != null) {
				action.run();
			}
		});
	}

	/** Decide what to do for a waiter; called with the lock held, the action runs without it. */
	private @Nullable Runnable decide(Waiter waiter, boolean mayQueue) {
		if (this.closed) {
			return () -> waiter.fail(new SessionClosedException("The session is closed and takes no new turns"));
		}
		List<PooledConnection> expired = retireExpiredLocked();
		Runnable action = decideLocked(waiter, mayQueue);
		if (expired.isEmpty()) {
			return action;
		}
		return () -> {
			expired.forEach(ConnectionPool::closeRetired);
			if (action != null) {
				action.run();
			}
		};
	}

	private @Nullable Runnable decideLocked(Waiter waiter, boolean mayQueue) {
		long now = now();
		PooledConnection holder = holderOf(waiter);
		if (holder != null) {
			Lease continued = tryLeaseHolder(waiter.request, holder);
			if (continued != null) {
				return () -> handOver(waiter, continued);
			}
			if (!this.keeping.waitedLongEnough(waiter, now)) {
				// the chain's connection runs its most turns: wait for it rather than replay elsewhere
				this.keeping.wakeAt(this.keeping.deadline(waiter), now, this::wokeUp);
				return mayQueue ? queue(waiter) : null;
			}
		}
		Lease lease = tryLeaseWithRoom(waiter.request, waiter.openedAfter);
		if (lease != null) {
			return () -> handOver(waiter, lease);
		}
		// only when a connection may be opened now: an evicted connection is closed to open one
		PooledConnection evicted = (backingOffLocked() == null) ? evictForLocked(waiter) : null;
		if (this.connections.size() + this.connecting < this.config.maxConnections()) {
			ConnectBackoffException backingOff = backingOffLocked();
			if (backingOff == null) {
				this.connecting++;
				if (evicted != null) {
					return () -> {
						closeRetired(evicted);
						openFor(waiter);
					};
				}
				return () -> openFor(waiter);
			}
			if (this.connections.stream().noneMatch(this::usable)) {
				return () -> waiter.fail(backingOff);
			}
			// a busy connection frees up sooner than a new one may be opened
		}
		long keptAfter = this.keeping.keptAfter(waiter, now);
		Lease displacing = awaitsConnectionWithRoomLocked(mayQueue) ? null
				: tryLeaseDisplacing(waiter.request, waiter.openedAfter, keptAfter);
		if (displacing != null) {
			return () -> handOver(waiter, displacing);
		}
		long keptRelease = earliestKeptReleaseLocked(waiter.openedAfter, keptAfter);
		if (keptRelease != Long.MAX_VALUE) {
			long wakeAt = Math.min(this.keeping.keptUntil(keptRelease), this.keeping.deadline(waiter));
			this.keeping.wakeAt(wakeAt, now, this::wokeUp);
		}
		return mayQueue ? queue(waiter) : null;
	}

	/** Put a waiter in the queue, or refuse it when the queue is full; called with the lock held. */
	private Runnable queue(Waiter waiter) {
		if (this.waiters.size() >= this.config.maxQueued()) {
			return () -> waiter.fail(new SessionSaturatedException(this.config.maxConnections(), this.config.maxQueued()));
		}
		this.waiters.add(waiter);
		return () -> waiter.timeout(Mono.delay(this.config.acquireTimeout()).subscribe((tick) -> {
			synchronized (this) {
				this.waiters.remove(waiter);
			}
			waiter.fail(new ResponsesTimeoutException("No connection became free", this.config.acquireTimeout()));
		}));
	}

	/**
	 * Whether a turn that needs room for a new chain waits for a connection being opened rather
	 * than crowd the chains of another: with lanes, a new connection has room for several
	 * chains, and it opens within the connect timeout, well before the acquire timeout passes.
	 */
	private boolean awaitsConnectionWithRoomLocked(boolean mayQueue) {
		return this.lanes && this.config.maxTurnsPerConnection() > 1 && this.connecting > 0
				&& (!mayQueue || this.waiters.size() < this.config.maxQueued());
	}

	/**
	 * Make room for a turn that may only use connections opened after an instant, when the pool
	 * is full and none of those is free: the least recently used idle older connection is retired
	 * and taken out of the pool, to be closed without the lock.
	 */
	private @Nullable PooledConnection evictForLocked(Waiter waiter) {
		if (waiter.openedAfter == 0
				|| this.connections.size() + this.connecting < this.config.maxConnections()) {
			return null;
		}
		PooledConnection oldest = null;
		for (PooledConnection pooled : this.connections) {
			if (pooled.inFlight == 0 && !openedAfter(pooled, waiter.openedAfter)
					&& (oldest == null || pooled.lastUsedMillis < oldest.lastUsedMillis)) {
				oldest = pooled;
			}
		}
		if (oldest != null) {
			retireLocked(oldest);
			takeOutIfIdleLocked(oldest);
		}
		return oldest;
	}

	private static boolean openedAfter(PooledConnection pooled, long sequence) {
		return pooled.sequence > sequence;
	}

	/**
	 * Return the usable connection the waiter may use that holds its previous response.
	 */
	private @Nullable PooledConnection holderOf(Waiter waiter) {
		String previous = waiter.request.previousResponseId();
		PooledConnection holder = (previous != null) ? this.holders.get(previous) : null;
		return (holder != null && holder.laneOf(previous) != null && openedAfter(holder, waiter.openedAfter)
				&& usable(holder)) ? holder : null;
	}

	/**
	 * Lease the connection holding the turn's previous response, on the chain's lane, if it can
	 * run one more turn. Without lanes it always can: the turn waits on the connection behind the
	 * running one, as the server does.
	 */
	private @Nullable Lease tryLeaseHolder(CreateResponse request, PooledConnection holder) {
		if (this.lanes && holder.inFlight >= this.config.maxTurnsPerConnection()) {
			return null;
		}
		String previous = request.previousResponseId();
		String lane = (previous != null) ? holder.laneOf(previous) : null;
		return lease(holder, this.lanes ? lane : null, request);
	}

	/**
	 * Lease a connection with room for a new chain: the one holding the fewest chains, then
	 * running the fewest turns, then used least recently.
	 */
	private @Nullable Lease tryLeaseWithRoom(CreateResponse request, long openedAfter) {
		PooledConnection best = null;
		for (PooledConnection pooled : this.connections) {
			if (openedAfter(pooled, openedAfter) && usable(pooled) && hasRoomForChain(pooled)
					&& (best == null || pooled.chains() < best.chains()
							|| (pooled.chains() == best.chains() && lessUsed(pooled, best)))) {
				best = pooled;
			}
		}
		return (best != null) ? lease(best, this.lanes ? best.vacantLane() : null, request) : null;
	}

	/**
	 * Lease a connection that can run one more turn, crowding the chains it holds or taking the
	 * place of the one used least recently: the one running the fewest turns, then used least
	 * recently. A chain whose last turn ended after {@code keptAfter} keeps its place.
	 */
	private @Nullable Lease tryLeaseDisplacing(CreateResponse request, long openedAfter, long keptAfter) {
		PooledConnection best = null;
		for (PooledConnection pooled : this.connections) {
			if (openedAfter(pooled, openedAfter) && usable(pooled) && hasRoomForTurn(pooled, keptAfter)
					&& (best == null || lessUsed(pooled, best))) {
				best = pooled;
			}
		}
		return (best != null) ? lease(best, this.lanes ? best.idleLane(keptAfter) : null, request) : null;
	}

	/**
	 * Return when the earliest of the chains kept from a waiter was released, or
	 * {@link Long#MAX_VALUE} when none is.
	 */
	private long earliestKeptReleaseLocked(long openedAfter, long keptAfter) {
		long earliest = Long.MAX_VALUE;
		if (keptAfter == ChainKeeping.NOTHING_KEPT) {
			return earliest;
		}
		for (PooledConnection pooled : this.connections) {
			if (!openedAfter(pooled, openedAfter) || !usable(pooled)) {
				continue;
			}
			if (this.lanes && pooled.inFlight < this.config.maxTurnsPerConnection()) {
				earliest = Math.min(earliest, pooled.earliestKeptRelease(keptAfter));
			}
			else if (!this.lanes && pooled.inFlight == 0 && pooled.keepsDefaultChain(keptAfter)) {
				earliest = Math.min(earliest, pooled.lastUsedMillis);
			}
		}
		return earliest;
	}

	private static boolean lessUsed(PooledConnection pooled, PooledConnection other) {
		return pooled.inFlight < other.inFlight
				|| (pooled.inFlight == other.inFlight && pooled.lastUsedMillis < other.lastUsedMillis);
	}

	private boolean usable(PooledConnection pooled) {
		return !pooled.retiring && pooled.connection.isOpen();
	}

	/**
	 * Retire the connections past the maximum age, and take the idle ones out of the pool so
	 * that their slots are free at once.
	 * @return the connections taken out, to be closed without the lock
	 */
	private List<PooledConnection> retireExpiredLocked() {
		List<PooledConnection> expired = List.of();
		for (PooledConnection pooled : this.connections) {
			if (expired(pooled)) {
				retireLocked(pooled);
				if (pooled.inFlight == 0) {
					expired = (expired.isEmpty()) ? new ArrayList<>() : expired;
					expired.add(pooled);
				}
			}
		}
		expired.forEach(this::takeOutIfIdleLocked);
		return expired;
	}

	private boolean expired(PooledConnection pooled) {
		return pooled.connection.age().compareTo(this.config.maxConnectionAge()) >= 0;
	}

	private static void closeRetired(PooledConnection pooled) {
		pooled.connection.close(1000, "rotated").subscribe();
	}

	/** Add a new connection, and have it retire when it reaches the maximum age while idle. */
	private void addLocked(PooledConnection pooled) {
		pooled.sequence = ++this.lastSequence;
		this.connections.add(pooled);
		Duration left = this.config.maxConnectionAge().minus(pooled.connection.age());
		pooled.ageTimer = Mono.delay(left.isNegative() ? Duration.ZERO : left).subscribe((tick) -> aged(pooled));
	}

	/** A connection reached the maximum age: closed now if idle, otherwise when its turns end. */
	private void aged(PooledConnection pooled) {
		boolean close;
		synchronized (this) {
			if (pooled.closedByPool || !this.connections.contains(pooled)) {
				return;
			}
			retireLocked(pooled);
			close = takeOutIfIdleLocked(pooled);
		}
		if (close) {
			closeRetired(pooled);
			drain();
		}
	}

	/** Whether a new chain fits without taking the place of another one. */
	private boolean hasRoomForChain(PooledConnection pooled) {
		if (this.lanes) {
			return pooled.inFlight < this.config.maxTurnsPerConnection()
					&& pooled.chains() < this.config.maxTurnsPerConnection() && pooled.vacantLane() != null;
		}
		return pooled.inFlight == 0 && pooled.chains() == 0;
	}

	/**
	 * Whether one more turn may run, on a lane taken from another chain if need be, except
	 * from a chain kept because its last turn ended after {@code keptAfter}.
	 */
	private boolean hasRoomForTurn(PooledConnection pooled, long keptAfter) {
		if (this.lanes) {
			return pooled.inFlight < this.config.maxTurnsPerConnection() && pooled.idleLane(keptAfter) != null;
		}
		return pooled.inFlight == 0 && !pooled.keepsDefaultChain(keptAfter);
	}

	private Lease lease(PooledConnection pooled, @Nullable String lane, CreateResponse request) {
		pooled.inFlight++;
		String chosen = (request.streamId() != null) ? null : lane;
		if (chosen != null) {
			pooled.laneBusy(chosen);
		}
		String laneKey = (request.streamId() != null) ? request.streamId()
				: (chosen != null) ? chosen : PooledConnection.DEFAULT_LANE;
		String dropped = pooled.leasedFor(laneKey, request.previousResponseId());
		if (dropped != null) {
			forgetLocked(dropped, pooled, ChainMissReason.EVICTED);
		}
		return new Lease(pooled, chosen);
	}

	private void handOver(Waiter waiter, Lease lease) {
		if (!waiter.complete(lease)) {
			release(lease);
		}
	}

	private void openFor(Waiter waiter) {
		connectWithBackoff().subscribe((pooled) -> {
			Runnable action;
			synchronized (this) {
				this.connecting--;
				if (this.closed) {
					action = () -> {
						pooled.connection.close().subscribe();
						waiter.fail(new SessionClosedException("The session closed while connecting"));
					};
				}
				else {
					addLocked(pooled);
					Lease lease = lease(pooled, this.lanes ? pooled.vacantLane() : null, waiter.request);
					action = () -> handOver(waiter, lease);
				}
			}
			action.run();
			drain();
		}, (error) -> {
			synchronized (this) {
				this.connecting--;
			}
			waiter.fail(error);
			drain();
		});
	}

	/**
	 * Open connections until {@code minConnections} exist. Each attempt counts against the pool
	 * only from its subscription to its end, whatever the end: opened, failed or cancelled.
	 * @return a {@code Mono} that completes when they are open, or fails with the first error
	 */
	Mono<Void> fill() {
		return Flux.defer(() -> {
			int missing;
			synchronized (this) {
				missing = Math.max(0, this.config.minConnections() - this.connections.size() - this.connecting);
			}
			return Flux.range(0, missing);
		}).flatMap((attempt) -> openOne()).then();
	}

	/**
	 * Open one connection for {@link #fill()}, if the pool still has fewer than the minimum, and
	 * hand it to waiting turns.
	 */
	private Mono<Void> openOne() {
		AtomicBoolean counted = new AtomicBoolean();
		return Mono.defer(() -> {
			synchronized (this) {
				if (this.closed || this.connections.size() + this.connecting >= this.config.minConnections()) {
					return Mono.<PooledConnection>empty();
				}
				this.connecting++;
				counted.set(true);
			}
			return connectWithBackoff();
		}).doOnNext((pooled) -> {
			boolean closing;
			synchronized (this) {
				uncount(counted);
				closing = this.closed;
				if (!closing) {
					addLocked(pooled);
				}
			}
			if (closing) {
				pooled.connection.close(1000, "session closed").subscribe();
			}
		}).doFinally((signal) -> {
			synchronized (this) {
				uncount(counted);
			}
			drain();
		}).then();
	}

	/** Stop counting an attempt as connecting, once. */
	private void uncount(AtomicBoolean counted) {
		if (counted.compareAndSet(true, false)) {
			this.connecting--;
		}
	}

	/**
	 * Open a connection, within the connect timeout, unless a back-off window is open.
	 * @return the connection; or {@link ConnectBackoffException} inside a window, or the failure
	 * of the last attempt
	 */
	private Mono<PooledConnection> connectWithBackoff() {
		return Mono.defer(() -> {
			long deadline = now() + this.config.connectTimeout().toMillis();
			return attempt(deadline)
				.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
					long wait = retryWait(signal.failure(), deadline);
					return (wait < 0) ? Mono.error(signal.failure()) : Mono.delay(Duration.ofMillis(wait));
				})))
				.map(PooledConnection::new);
		});
	}

	/** One connect, refused at once inside a back-off window, bounded by the deadline. */
	private Mono<WebSocketConnection> attempt(long deadline) {
		return Mono.defer(() -> {
			long epoch;
			synchronized (this) {
				ConnectBackoffException backingOff = backingOffLocked();
				if (backingOff != null) {
					return Mono.error(backingOff);
				}
				epoch = this.backoffEpoch;
			}
			Duration left = Duration.ofMillis(Math.max(1, deadline - now()));
			return WebSocketConnection
				.connect(this.config.httpClient(), this.config.connectionSettings(), "ws-" + this.ids.incrementAndGet(),
						this.listener)
				.timeout(left, Mono.error(() -> new ResponsesTimeoutException(
						"Could not open a connection to " + this.config.webSocketUrl(), this.config.connectTimeout())))
				.doOnNext((connection) -> connected())
				.onErrorMap((error) -> connectFailed(error, epoch));
		});
	}

	/**
	 * @return how long to wait before trying again after a failed attempt, or -1 when the
	 * failure is not worth retrying or the next window ends after the deadline
	 */
	private synchronized long retryWait(Throwable failure, long deadline) {
		if (!retryable(failure)) {
			return -1;
		}
		long now = now();
		long wait = Math.max(0, this.retryAtMillis - now);
		return (now + wait < deadline) ? wait : -1;
	}

	private static boolean retryable(Throwable error) {
		if (error instanceof ConnectBackoffException) {
			return false;
		}
		if (error instanceof HandshakeRejectedException rejected) {
			return rejected.status() == 429 || rejected.status() >= 500;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof javax.net.ssl.SSLException) {
				return false;
			}
		}
		return error instanceof TransportException || error instanceof ResponsesTimeoutException;
	}

	/** @return the refusal for a turn inside the back-off window, or {@code null} outside it */
	private @Nullable ConnectBackoffException backingOffLocked() {
		ResponsesException failure = this.lastFailure;
		long left = this.retryAtMillis - now();
		if (failure == null || left <= 0) {
			return null;
		}
		return new ConnectBackoffException(this.config.webSocketUrl().toString(), Duration.ofMillis(left), failure);
	}

	/** The pool's clock, in milliseconds: that of the scheduler its timers run on. */
	private static long now() {
		return SchedulerClock.now(TimeUnit.MILLISECONDS);
	}

	private synchronized void connected() {
		this.config.observer().connectionOpened();
		this.consecutiveFailures = 0;
		this.backoffEpoch++;
		this.retryAtMillis = 0;
		this.lastFailure = null;
		this.stats.connectionOpened();
	}

	/**
	 * Count a failed attempt and open the next back-off window, unless an attempt that started
	 * with this one already did.
	 * @param epoch the back-off epoch when the attempt started
	 */
	private synchronized ResponsesException connectFailed(Throwable error, long epoch) {
		ResponsesException failure = (error instanceof ResponsesException responses) ? responses
				: new TransportException("Could not connect: " + error.getMessage(), error);
		this.lastFailure = failure;
		if (epoch == this.backoffEpoch) {
			this.backoffEpoch++;
			this.consecutiveFailures++;
			long initial = this.config.reconnectBackoff().toMillis();
			long max = this.config.maxReconnectBackoff().toMillis();
			long backoff = Math.max(1, Math.min(max, initial << Math.min(20, this.consecutiveFailures - 1)));
			long jittered = backoff - (long) (ThreadLocalRandom.current().nextDouble() * (backoff / 2.0));
			this.retryAtMillis = now() + jittered;
		}
		this.stats.connectFailures.incrementAndGet();
		this.stats.error(failure);
		return failure;
	}

	synchronized boolean holds(String responseId) {
		PooledConnection pooled = this.holders.get(responseId);
		return pooled != null && pooled.connection.isOpen() && !pooled.retiring;
	}

	/** Remember the response a turn produced, so the next turn of its chain comes back here. */
	synchronized void remember(Lease lease, String responseId) {
		PooledConnection pooled = lease.pooled();
		String replaced = pooled.remember((lease.lane() != null) ? lease.lane() : PooledConnection.DEFAULT_LANE,
				responseId);
		if (replaced != null) {
			// continued by its chain, or left for a new branch of it
			forgetLocked(replaced, pooled, ChainMissReason.EVICTED);
		}
		this.holders.put(responseId, pooled);
		this.forgotten.remove(responseId);
	}

	/** Take a connection out of the pool, with the responses it held. */
	private void removeLocked(PooledConnection pooled) {
		this.connections.remove(pooled);
		Disposable timer = pooled.ageTimer;
		if (timer != null) {
			timer.dispose();
		}
		ChainMissReason reason = !pooled.closedByPool ? ChainMissReason.CONNECTION_LOST
				: pooled.retiring ? ChainMissReason.ROTATED : null;
		for (String responseId : pooled.heldResponses()) {
			forgetLocked(responseId, pooled, reason);
		}
	}

	/**
	 * Stop counting a response as held by a connection, and remember why for
	 * {@link #missReason(String)}.
	 * @param reason why, or {@code null} when nobody will ask (the session closes)
	 */
	private void forgetLocked(String responseId, PooledConnection pooled, @Nullable ChainMissReason reason) {
		if (this.holders.remove(responseId, pooled) && reason != null) {
			this.forgotten.put(responseId, reason);
		}
	}

	/**
	 * Return why the pool does not hold a response.
	 * @param responseId the response id
	 * @return the reason it stopped holding it, {@link ChainMissReason#NOT_FOUND} when it never
	 * did or no longer remembers
	 */
	synchronized ChainMissReason missReason(String responseId) {
		return this.forgotten.getOrDefault(responseId, ChainMissReason.NOT_FOUND);
	}

	/**
	 * Keep chains between their turns from now on: the caller chains its turns.
	 */
	synchronized void expectChains() {
		this.keeping.expectChains();
	}

	/** Give a connection back at the end of a turn. */
	void release(Lease lease) {
		PooledConnection pooled = lease.pooled();
		boolean close;
		synchronized (this) {
			pooled.inFlight--;
			pooled.lastUsedMillis = now();
			if (lease.lane() != null) {
				pooled.laneIdle(lease.lane(), pooled.lastUsedMillis);
			}
			if (!pooled.retiring && expired(pooled)) {
				retireLocked(pooled);
			}
			close = pooled.retiring && takeOutIfIdleLocked(pooled);
		}
		if (close) {
			closeRetired(pooled);
		}
		drain();
	}

	/**
	 * Retire a connection the server refused for its age limit together with every connection
	 * opened before it, which that limit has passed too. The idle ones close now and their slots
	 * go to waiting turns.
	 * @param refused the connection the server refused
	 */
	void retireAsOldAs(PooledConnection refused) {
		List<PooledConnection> idle = new ArrayList<>();
		synchronized (this) {
			List<PooledConnection> old = new ArrayList<>();
			old.add(refused);
			this.connections.stream()
				.filter((pooled) -> pooled != refused && pooled.sequence < refused.sequence)
				.forEach(old::add);
			for (PooledConnection pooled : old) {
				retireLocked(pooled);
				if (takeOutIfIdleLocked(pooled)) {
					idle.add(pooled);
				}
			}
		}
		idle.forEach(ConnectionPool::closeRetired);
		drain();
	}

	/**
	 * Take a connection out of the pool if no turn runs on it, for the caller to close it
	 * without the lock.
	 * @return whether it was taken out
	 */
	private boolean takeOutIfIdleLocked(PooledConnection pooled) {
		if (pooled.inFlight != 0 || pooled.closedByPool) {
			return false;
		}
		pooled.closedByPool = true;
		removeLocked(pooled);
		return true;
	}

	private void retireLocked(PooledConnection pooled) {
		if (!pooled.retiring) {
			pooled.retiring = true;
			this.stats.rotations.incrementAndGet();
			this.config.observer().connectionRotated();
		}
	}

	/**
	 * Hand freed capacity to waiting turns: first to those continuing a chain held by a
	 * connection, then to the others, each group in the order they came.
	 */
	private void drain() {
		while (true) {
			Runnable action;
			synchronized (this) {
				this.waiters.removeIf(Waiter::isSettled);
				action = serveLocked(true);
				if (action == null) {
					action = serveLocked(false);
				}
			}
			if (action == null) {
				return;
			}
			action.run();
		}
	}

	private @Nullable Runnable serveLocked(boolean continuationsOnly) {
		for (Iterator<Waiter> waiting = this.waiters.iterator(); waiting.hasNext();) {
			Waiter waiter = waiting.next();
			if (continuationsOnly && holderOf(waiter) == null) {
				continue;
			}
			Runnable action = decide(waiter, false);
			if (action != null) {
				waiting.remove();
				return action;
			}
		}
		return null;
	}

	/** The time a waiter may have been waiting for came. */
	private void wokeUp() {
		synchronized (this) {
			this.keeping.woke();
		}
		drain();
	}

	private void cancelled(Waiter waiter) {
		if (waiter.settle()) {
			synchronized (this) {
				this.waiters.remove(waiter);
			}
		}
	}

	/**
	 * Refuse new turns, let running turns finish within the grace period, then close every
	 * connection with status 1000.
	 * @param grace how long running turns may take
	 * @return a {@code Mono} that completes when every connection is closed
	 */
	Mono<Void> close(Duration grace) {
		List<Waiter> refused;
		synchronized (this) {
			this.closed = true;
			this.keeping.stop();
			refused = new ArrayList<>(this.waiters);
			this.waiters.clear();
		}
		refused.forEach((waiter) -> waiter.fail(new SessionClosedException("The session closed before the turn started")));
		return Flux.interval(Duration.ZERO, Duration.ofMillis(20))
			.filter((tick) -> inFlight() == 0)
			.next()
			.then()
			.timeout(grace, Mono.empty())
			.then(Mono.defer(() -> {
				List<PooledConnection> open;
				synchronized (this) {
					open = new ArrayList<>(this.connections);
					open.forEach((pooled) -> {
						pooled.closedByPool = true;
						removeLocked(pooled);
					});
					this.holders.clear();
				}
				return Flux.fromIterable(open)
					.flatMap((pooled) -> pooled.connection.close(1000, "session closed",
							new SessionClosedException("The session closed after its grace period of " + grace
									+ " while the turn was running")))
					.then();
			}));
	}

	synchronized int inFlight() {
		int total = 0;
		for (PooledConnection pooled : this.connections) {
			total += pooled.inFlight;
		}
		return total;
	}

	synchronized int[] counts() {
		int busy = 0;
		for (PooledConnection pooled : this.connections) {
			if (pooled.inFlight > 0) {
				busy++;
			}
		}
		return new int[] { this.connections.size(), busy, this.connecting, inFlight(), this.waiters.size() };
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	/** Learns when a connection goes away, to forget it and let waiting turns use the room. */
	private final class Listener implements ConnectionListener {

		@Override
		public void requestSent(WebSocketConnection connection, int bytes) {
			ConnectionPool.this.config.observer().bytesSent(bytes);
		}

		@Override
		public void frameReceived(WebSocketConnection connection, int bytes) {
			ConnectionPool.this.config.observer().bytesReceived(bytes);
		}

		@Override
		public void connectionClosed(WebSocketConnection connection, int code, String reason) {
			boolean lost = false;
			synchronized (ConnectionPool.this) {
				for (PooledConnection pooled : ConnectionPool.this.connections) {
					if (pooled.connection == connection) {
						removeLocked(pooled);
						lost = !pooled.closedByPool;
						break;
					}
				}
			}
			if (lost) {
				ConnectionPool.this.stats.connectionLost();
			}
			boolean wasLost = lost;
			ConnectionPool.this.config.observer().connectionClosed(wasLost);
			drain();
		}

	}

}
