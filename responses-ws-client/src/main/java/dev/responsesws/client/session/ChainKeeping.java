package dev.responsesws.client.session;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The pool's policy for keeping a chain on its connection between two of its turns. A chain
 * whose turn ended less than the continuation window ago is probably about to send its next
 * one (an agent's tool output, a follow-up question), so a turn that would take its connection
 * or lane, and replace the response the server holds there, waits instead: for room elsewhere,
 * for the window to pass, or at most the maximum delay, after which it takes the least recently
 * used chain's place. A continuation whose connection runs its most turns waits for that
 * connection for the same maximum delay rather than move and replay its transcript. Nothing is
 * kept until the session has run a turn with {@code previous_response_id} or its caller said it
 * chains ({@link ResponsesSession#expectChains()}): a session that never chains pays no wait.
 * Guarded by the pool's lock.
 */
final class ChainKeeping {

	/** Kept from nobody: no release time is after it. */
	static final long NOTHING_KEPT = Long.MAX_VALUE;

	private final long windowMillis;

	private final long maxDelayMillis;

	private boolean chaining;

	private @Nullable Disposable wake;

	private long wakeAtMillis = Long.MAX_VALUE;

	ChainKeeping(Duration window, Duration maxDelay) {
		this.windowMillis = window.toMillis();
		this.maxDelayMillis = maxDelay.toMillis();
	}

	/**
	 * Note a turn asking for a connection: the first one with {@code previous_response_id}
	 * starts the keeping.
	 */
	void saw(Waiter waiter) {
		if (waiter.request.previousResponseId() != null) {
			this.chaining = true;
		}
	}

	/**
	 * Start the keeping: the session's caller said its turns form chains, before the first turn
	 * that continues one.
	 */
	void expectChains() {
		this.chaining = true;
	}

	/**
	 * Return the time after which a turn that ended keeps its chain from this waiter.
	 * @param waiter the turn that would take a chain's place
	 * @param now the time now, in milliseconds of the pool's clock
	 * @return chains released after this time are kept; {@link #NOTHING_KEPT} when the waiter
	 * may take any chain's place
	 */
	long keptAfter(Waiter waiter, long now) {
		if (!this.chaining || this.windowMillis == 0 || waitedLongEnough(waiter, now)) {
			return NOTHING_KEPT;
		}
		return now - this.windowMillis;
	}

	/**
	 * Return whether a waiter has waited the maximum delay, after which nothing is kept from it.
	 */
	boolean waitedLongEnough(Waiter waiter, long now) {
		return now - waiter.sinceMillis >= this.maxDelayMillis;
	}

	/**
	 * Return when a chain released at the given time stops being kept.
	 */
	long keptUntil(long releasedAtMillis) {
		return releasedAtMillis + this.windowMillis;
	}

	/**
	 * Return when the maximum delay of a waiter ends.
	 */
	long deadline(Waiter waiter) {
		return waiter.sinceMillis + this.maxDelayMillis;
	}

	/**
	 * Have the pool look at its waiting turns again at the given time, unless it already will
	 * by then.
	 * @param atMillis the time, on the pool's clock
	 * @param now the time now
	 * @param drain what looks at the waiting turns; it calls {@link #woke()} under the lock
	 */
	void wakeAt(long atMillis, long now, Runnable drain) {
		if (atMillis >= this.wakeAtMillis && this.wake != null) {
			return;
		}
		Disposable previous = this.wake;
		if (previous != null) {
			previous.dispose();
		}
		this.wakeAtMillis = atMillis;
		this.wake = Mono.delay(Duration.ofMillis(Math.max(0, atMillis - now))).subscribe((tick) -> drain.run());
	}

	/**
	 * The wake-up ran.
	 */
	void woke() {
		this.wake = null;
		this.wakeAtMillis = Long.MAX_VALUE;
	}

	/**
	 * Cancel the wake-up, when the pool closes.
	 */
	void stop() {
		Disposable previous = this.wake;
		if (previous != null) {
			previous.dispose();
		}
		woke();
	}

}
