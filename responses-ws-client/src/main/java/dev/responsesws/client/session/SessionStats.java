package dev.responsesws.client.session;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The counters behind {@link SessionSnapshot}. Thread-safe.
 */
final class SessionStats {

	final AtomicLong turnsCompleted = new AtomicLong();

	final AtomicLong turnsFailed = new AtomicLong();

	final AtomicLong connectionsOpened = new AtomicLong();

	final AtomicLong reconnects = new AtomicLong();

	final AtomicLong rotations = new AtomicLong();

	final AtomicLong connectFailures = new AtomicLong();

	private final AtomicLong lostAwaitingReplacement = new AtomicLong();

	private final AtomicLong chainHits = new AtomicLong();

	private final AtomicLong storedChainHits = new AtomicLong();

	private final Map<ChainMissReason, AtomicLong> chainMisses = new EnumMap<>(ChainMissReason.class);

	SessionStats() {
		for (ChainMissReason reason : ChainMissReason.values()) {
			this.chainMisses.put(reason, new AtomicLong());
		}
	}

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	private volatile @Nullable Instant lastSuccessAt;

	void completed() {
		this.turnsCompleted.incrementAndGet();
		this.lastSuccessAt = Instant.now();
	}

	void failed(Throwable error) {
		this.turnsFailed.incrementAndGet();
		error(error);
	}

	void error(Throwable error) {
		this.lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
		this.lastErrorAt = Instant.now();
	}

	void connectionOpened() {
		this.connectionsOpened.incrementAndGet();
		if (this.lostAwaitingReplacement.getAndUpdate((lost) -> Math.max(0, lost - 1)) > 0) {
			this.reconnects.incrementAndGet();
		}
	}

	void connectionLost() {
		this.lostAwaitingReplacement.incrementAndGet();
	}

	void chainHit(boolean stored) {
		this.chainHits.incrementAndGet();
		if (stored) {
			this.storedChainHits.incrementAndGet();
		}
	}

	void chainMissed(ChainMissReason reason) {
		this.chainMisses.get(reason).incrementAndGet();
	}

	ChainCounts chains() {
		Map<ChainMissReason, Long> misses = new EnumMap<>(ChainMissReason.class);
		this.chainMisses.forEach((reason, count) -> misses.put(reason, count.get()));
		return new ChainCounts(this.chainHits.get(), this.storedChainHits.get(), misses);
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	@Nullable Instant lastErrorAt() {
		return this.lastErrorAt;
	}

	@Nullable Instant lastSuccessAt() {
		return this.lastSuccessAt;
	}

}
