package dev.responsesws.client.internal.transport;

import java.time.Duration;

import io.netty.channel.EventLoop;

/**
 * What the readers of a connection, which keep their state on its event loop, share: running a
 * task there, and how often to check a turn's idle timeout.
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
	 * Return how often to check an idle timeout: a quarter of it, between 10 ms and 1 s.
	 * @param idleTimeout the idle timeout
	 * @return the period in milliseconds
	 */
	static long idleCheckPeriodMillis(Duration idleTimeout) {
		return Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
	}

}
