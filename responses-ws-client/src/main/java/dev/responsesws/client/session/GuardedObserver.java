package dev.responsesws.client.session;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.context.ContextView;

/**
 * Calls an application's {@link SessionObserver} so that an exception it throws never breaks a
 * turn or a connection. The first exception thrown by each observer class is logged at WARN with
 * that class's name and the stack trace; later ones at DEBUG, so an observer that fails on every
 * event cannot flood the log.
 */
final class GuardedObserver implements SessionObserver {

	private static final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();

	private final SessionObserver delegate;

	private GuardedObserver(SessionObserver delegate) {
		this.delegate = delegate;
	}

	/**
	 * Guard an observer.
	 * @param observer the observer
	 * @return the guarded observer; {@code observer} itself when it is already guarded
	 */
	static SessionObserver of(SessionObserver observer) {
		Objects.requireNonNull(observer, "observer");
		return (observer instanceof GuardedObserver || observer == SessionObserver.NONE) ? observer
				: new GuardedObserver(observer);
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
		TurnObservation observation = call(this.delegate, "turnStarted",
				() -> this.delegate.turnStarted(request, transport, context), TurnObservation.NONE);
		return (observation == TurnObservation.NONE) ? observation : new GuardedTurnObservation(observation);
	}

	@Override
	public void connectionOpened() {
		run(this.delegate, "connectionOpened", this.delegate::connectionOpened);
	}

	@Override
	public void connectionClosed(boolean lost) {
		run(this.delegate, "connectionClosed", () -> this.delegate.connectionClosed(lost));
	}

	@Override
	public void connectionRotated() {
		run(this.delegate, "connectionRotated", this.delegate::connectionRotated);
	}

	@Override
	public void bytesSent(long bytes) {
		run(this.delegate, "bytesSent", () -> this.delegate.bytesSent(bytes));
	}

	@Override
	public void chainHit() {
		run(this.delegate, "chainHit", this.delegate::chainHit);
	}

	@Override
	public void storedChainHit() {
		run(this.delegate, "storedChainHit", this.delegate::storedChainHit);
	}

	@Override
	public void chainMissed(ChainMissReason reason) {
		run(this.delegate, "chainMissed", () -> this.delegate.chainMissed(reason));
	}

	@Override
	public void bytesReceived(long bytes) {
		run(this.delegate, "bytesReceived", () -> this.delegate.bytesReceived(bytes));
	}

	@Override
	public String toString() {
		return "GuardedObserver[" + this.delegate + "]";
	}

	private static void run(Object observer, String callback, Runnable call) {
		call(observer, callback, () -> {
			call.run();
			return null;
		}, null);
	}

	private static <T> T call(Object observer, String callback, Supplier<@Nullable T> call, T fallback) {
		try {
			T value = call.get();
			return (value != null) ? value : fallback;
		}
		catch (RuntimeException ex) {
			report(observer.getClass(), callback, ex);
			return fallback;
		}
	}

	static void report(Class<?> observerClass, String callback, RuntimeException ex) {
		String message = "Session observer " + observerClass.getName() + " threw from " + callback
				+ "; the turn goes on without it";
		Logger logger = Loggers.getLogger(GuardedObserver.class);
		if (reported.add(observerClass)) {
			logger.warn(message + " (later failures of this observer class are logged at DEBUG)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	private static final class GuardedTurnObservation implements TurnObservation {

		private final TurnObservation delegate;

		GuardedTurnObservation(TurnObservation delegate) {
			this.delegate = delegate;
		}

		@Override
		public void firstEvent() {
			run(this.delegate, "firstEvent", this.delegate::firstEvent);
		}

		@Override
		public void completed(@Nullable Response response) {
			run(this.delegate, "completed", () -> this.delegate.completed(response));
		}

		@Override
		public void failed(Throwable error) {
			run(this.delegate, "failed", () -> this.delegate.failed(error));
		}

		@Override
		public void cancelled() {
			run(this.delegate, "cancelled", this.delegate::cancelled);
		}

	}

}
