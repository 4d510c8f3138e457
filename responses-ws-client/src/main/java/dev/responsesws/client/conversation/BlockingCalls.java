package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import dev.responsesws.client.error.ResponsesTimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Waits for a conversation's turns on the caller's thread, always within a deadline, and never
 * on a Reactor non-blocking thread.
 */
final class BlockingCalls {

	/** Time for the cancellation at the deadline to reach the caller, on top of the deadline. */
	private static final Duration CANCEL_MARGIN = Duration.ofSeconds(5);

	private BlockingCalls() {
	}

	/**
	 * Wait for a result.
	 * @param result the result to wait for, subscribed here
	 * @param timeout the deadline, after which the work is cancelled
	 * @param method the method the caller called, for the error messages
	 * @return the result
	 */
	static <T> T await(Mono<T> result, Duration timeout, String method) {
		check(timeout, method);
		T value = result
			.timeout(timeout, Mono.error(() -> new ResponsesTimeoutException(method + " did not finish", timeout)))
			.block(timeout.plus(CANCEL_MARGIN));
		if (value == null) {
			throw new IllegalStateException(method + " ended without a result");
		}
		return value;
	}

	/**
	 * Iterate items as they arrive, one requested at a time, until the deadline.
	 * @param items the items, subscribed when the stream is first read
	 * @param timeout the deadline for the last item, after which the work is cancelled
	 * @param method the method the caller called, for the error messages
	 * @return the items; closing the stream cancels the work
	 */
	static <T> Stream<T> stream(Flux<T> items, Duration timeout, String method) {
		check(timeout, method);
		return Flux.defer(() -> {
			long deadline = System.nanoTime() + timeout.toNanos();
			return items.timeout(Mono.delay(timeout), (item) -> Mono.delay(remaining(deadline)),
					Flux.error(() -> new ResponsesTimeoutException(method + " did not finish", timeout)));
		}).toStream(1);
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static void check(Duration timeout, String method) {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout of " + method + " must be positive, got " + timeout);
		}
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException(method + " is blocking, which is not supported in thread "
					+ Thread.currentThread().getName() + "; use the reactive methods (send, execute, run) there");
		}
	}

}
