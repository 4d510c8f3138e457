package dev.responsesws.client.session;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.responsesws.client.request.CreateResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * A turn waiting for a connection. It is settled once: by a lease, an error, its timeout or the
 * caller's cancellation, whichever comes first.
 */
final class Waiter {

	final CreateResponse request;

	/**
	 * The connections this turn may use came into the pool after the one with this
	 * {@link PooledConnection#sequence} (0: any connection).
	 */
	final long openedAfter;

	/** When the turn asked for a connection, on the pool's clock. */
	final long sinceMillis;

	private final MonoSink<Lease> sink;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile @Nullable Disposable timeout;

	Waiter(CreateResponse request, long openedAfter, long sinceMillis, MonoSink<Lease> sink) {
		this.request = request;
		this.openedAfter = openedAfter;
		this.sinceMillis = sinceMillis;
		this.sink = sink;
	}

	/** Arm the timer that fails this waiter; it is cancelled when the waiter is settled. */
	void timeout(Disposable timer) {
		this.timeout = timer;
		if (this.settled.get()) {
			timer.dispose();
		}
	}

	/** @return whether the lease was taken; if not, the caller must give it back */
	boolean complete(Lease lease) {
		if (settle()) {
			this.sink.success(lease);
			return true;
		}
		return false;
	}

	void fail(Throwable error) {
		if (settle()) {
			this.sink.error(error);
		}
	}

	boolean settle() {
		if (this.settled.compareAndSet(false, true)) {
			Disposable timer = this.timeout;
			if (timer != null) {
				timer.dispose();
			}
			return true;
		}
		return false;
	}

	boolean isSettled() {
		return this.settled.get();
	}

}
