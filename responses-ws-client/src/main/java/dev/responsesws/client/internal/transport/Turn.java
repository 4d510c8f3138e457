package dev.responsesws.client.internal.transport;

import dev.responsesws.client.event.ResponseEvent;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * One running request on a connection, as seen by the router: the subscriber, its demand, and
 * at most one event waiting for that demand. All fields are touched only on the connection's
 * event loop; {@link #request(long)} and {@link #cancel()} hop there.
 */
final class Turn implements Subscription {

	final TurnRouter router;

	final CoreSubscriber<? super ResponseEvent> actual;

	final String lane;

	long requested;

	@Nullable ResponseEvent waiting;

	/** The subscriber is gone or was failed; the rest of the response is read and discarded. */
	boolean discarding;

	boolean cancelled;

	boolean done;

	/** Registered and not answered yet: no event of its response and no error so far. */
	boolean awaitingAnswer;

	long eventsReceived;

	@Nullable String lastEventType;

	long lastProgressNanos = System.nanoTime();

	Turn(TurnRouter router, CoreSubscriber<? super ResponseEvent> actual, String lane) {
		this.router = router;
		this.actual = actual;
		this.lane = lane;
	}

	@Override
	public void request(long n) {
		if (!Operators.validate(n)) {
			return;
		}
		this.router.execute(() -> {
			if (this.requested == 0) {
				this.lastProgressNanos = System.nanoTime();
			}
			this.requested = Operators.addCap(this.requested, n);
			this.router.pump();
		});
	}

	@Override
	public void cancel() {
		this.router.execute(() -> this.router.cancel(this));
	}

	boolean wantsEvents() {
		return this.discarding || this.requested > 0;
	}

}
