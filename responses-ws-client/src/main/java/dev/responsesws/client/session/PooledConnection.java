package dev.responsesws.client.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.responsesws.client.internal.transport.SchedulerClock;
import dev.responsesws.client.internal.transport.WebSocketConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A connection of the pool with what the pool knows about it. Guarded by the pool's lock.
 */
final class PooledConnection {

	static final String DEFAULT_LANE = "";

	private static final int MAX_LANES = 32;

	final WebSocketConnection connection;

	int inFlight;

	boolean retiring;

	boolean closedByPool;

	/** Retires the connection when it reaches the maximum age while idle. */
	@Nullable Disposable ageTimer;

	/** When the last turn on it ended (or it opened), on {@link SchedulerClock}. */
	long lastUsedMillis = SchedulerClock.now(TimeUnit.MILLISECONDS);

	/** The order in which the pool took this connection in, from 1. */
	long sequence;

	/** The last response of each lane: the one the server holds in memory. */
	private final Map<String, String> lastResponseByLane = new HashMap<>();

	private final Set<String> busyLanes = new HashSet<>();

	/** When the last turn of each named lane ended, on {@link SchedulerClock}. */
	private final Map<String, Long> laneReleasedAt = new HashMap<>();

	/** Lane names in least recently used order. */
	private final List<String> lanes = new ArrayList<>();

	PooledConnection(WebSocketConnection connection) {
		this.connection = connection;
	}

	@Nullable String laneOf(String responseId) {
		for (Map.Entry<String, String> entry : this.lastResponseByLane.entrySet()) {
			if (entry.getValue().equals(responseId)) {
				return entry.getKey();
			}
		}
		return null;
	}

	/**
	 * Remember the last response of a lane.
	 * @return the response the lane held before, which the server no longer holds
	 */
	@Nullable String remember(String lane, String responseId) {
		return this.lastResponseByLane.put(lane, responseId);
	}

	/**
	 * Return the responses the server holds on this connection, one per lane.
	 * @return the response ids
	 */
	Collection<String> heldResponses() {
		return this.lastResponseByLane.values();
	}

	/**
	 * A turn that does not continue the lane's last response was leased on the lane: the
	 * server will replace that response in memory, so it no longer counts as held.
	 * @return the response no longer held, if any
	 */
	@Nullable String leasedFor(String lane, @Nullable String previousResponseId) {
		String held = this.lastResponseByLane.get(lane);
		if (held != null && !held.equals(previousResponseId)) {
			this.lastResponseByLane.remove(lane);
			return held;
		}
		return null;
	}

	/**
	 * Return the chains on this connection: its lanes (the default one included) that run a
	 * turn or hold a response.
	 * @return the count
	 */
	int chains() {
		int chains = this.lastResponseByLane.size();
		for (String lane : this.busyLanes) {
			if (!this.lastResponseByLane.containsKey(lane)) {
				chains++;
			}
		}
		return chains;
	}

	/**
	 * Return whether turns ran on lanes the session chose.
	 * @return whether a lane was ever used
	 */
	boolean usedLanes() {
		return !this.lanes.isEmpty();
	}

	/**
	 * Pick a lane for a new chain without taking one from another chain: the least recently
	 * used idle lane that holds no response, otherwise one never used while fewer than 32 exist.
	 * @return the lane, or {@code null} if every lane runs a turn or holds a response
	 */
	@Nullable String vacantLane() {
		for (String lane : this.lanes) {
			if (!this.busyLanes.contains(lane) && !this.lastResponseByLane.containsKey(lane)) {
				return lane;
			}
		}
		return (this.lanes.size() < MAX_LANES) ? "lane-" + this.lanes.size() : null;
	}

	/**
	 * Pick a lane for a new chain, taking it from another chain if need be: a vacant lane,
	 * otherwise the least recently used idle one whose last turn ended by the given time, whose
	 * chain is the least likely to continue.
	 * @param keptAfter lanes whose last turn ended after this time are kept for their chain
	 * @return the lane, or {@code null} if all 32 are busy or kept
	 */
	@Nullable String idleLane(long keptAfter) {
		String vacant = vacantLane();
		if (vacant != null) {
			return vacant;
		}
		for (String lane : this.lanes) {
			if (!this.busyLanes.contains(lane) && releasedAt(lane) <= keptAfter) {
				return lane;
			}
		}
		return null;
	}

	/**
	 * Return when the last turn of the idle lane released most recently ended, among those
	 * {@link #idleLane(long)} passed over because they are kept.
	 * @param keptAfter as for {@link #idleLane(long)}
	 * @return the time, or {@link Long#MAX_VALUE} if none is kept
	 */
	long earliestKeptRelease(long keptAfter) {
		long earliest = Long.MAX_VALUE;
		for (String lane : this.lanes) {
			long released = releasedAt(lane);
			if (!this.busyLanes.contains(lane) && released > keptAfter) {
				earliest = Math.min(earliest, released);
			}
		}
		return earliest;
	}

	/**
	 * Return when the last turn of a lane ended: for the default lane, when the connection was
	 * last used.
	 */
	long releasedAt(String lane) {
		return DEFAULT_LANE.equals(lane) ? this.lastUsedMillis : this.laneReleasedAt.getOrDefault(lane, 0L);
	}

	/**
	 * Return whether the default lane holds a chain whose last turn ended after the given time.
	 * @param keptAfter the time
	 * @return whether the connection's own chain is kept
	 */
	boolean keepsDefaultChain(long keptAfter) {
		return this.lastResponseByLane.containsKey(DEFAULT_LANE) && this.lastUsedMillis > keptAfter;
	}

	void laneBusy(String lane) {
		this.busyLanes.add(lane);
		this.lanes.remove(lane);
		this.lanes.add(lane);
	}

	void laneIdle(String lane, long nowMillis) {
		this.busyLanes.remove(lane);
		this.laneReleasedAt.put(lane, nowMillis);
	}

}
