package dev.responsesws.conformance;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a blocking call of the official client with a time limit: its {@code receive()} and
 * {@code finalResponse()} wait without one of their own.
 */
final class Bounded {

	static final Duration LIMIT = Duration.ofSeconds(10);

	private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "bounded-call");
		thread.setDaemon(true);
		return thread;
	});

	private Bounded() {
	}

	/**
	 * Return what the call returns, failing if it takes longer than {@link #LIMIT}.
	 * @throws Exception what the call threw
	 */
	static <T> T call(Callable<T> call) throws Exception {
		Future<T> result = EXECUTOR.submit(call);
		try {
			return result.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			throw new AssertionError("No answer within " + LIMIT, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
