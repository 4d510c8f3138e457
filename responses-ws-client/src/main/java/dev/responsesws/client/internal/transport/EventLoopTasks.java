package dev.responsesws.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * What the readers of a connection, which keep their state on its event loop, share: running a
 * task there, and checking a turn's idle timeout.
 */
final class EventLoopTasks {

	private EventLoopTasks() {
	}

	/**
	 * Run a task on the event loop: at once when already there, otherwise as its next task.
	 * @param loop the event loop
	 * @param task the task
	 */
	static void runOn(EventLoop loop, Runnable task) {
		if (loop.inEventLoop()) {
			task.run();
		}
		else {
			loop.execute(task);
		}
	}

	/**
	 * Check an idle timeout on the event loop every quarter of it, between 10 ms and 1 s.
	 * @param loop the event loop
	 * @param idleTimeout the idle timeout
	 * @param check the check
	 * @return the scheduled checks, to cancel when the reader ends
	 */
	static ScheduledFuture<?> scheduleIdleChecks(EventLoop loop, Duration idleTimeout, Runnable check) {
		long period = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
		return loop.scheduleAtFixedRate(check, period, period, TimeUnit.MILLISECONDS);
	}

}
