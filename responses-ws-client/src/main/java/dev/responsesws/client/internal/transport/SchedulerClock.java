package dev.responsesws.client.internal.transport;

import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Schedulers;

/**
 * The clock of the connection pool: that of {@link Schedulers#parallel()}, on which the pool's
 * timers run, so that connection ages, last use and back-off windows move together with those
 * timers, and a test that installs a {@code VirtualTimeScheduler} drives all of them. In real
 * time it is the system clock in milliseconds, as for Reactor's own timeouts.
 */
public final class SchedulerClock {

	private SchedulerClock() {
	}

	/**
	 * Return the time now.
	 * @param unit the unit of the result
	 * @return the time of {@link Schedulers#parallel()} in the given unit
	 */
	public static long now(TimeUnit unit) {
		return Schedulers.parallel().now(unit);
	}

}
