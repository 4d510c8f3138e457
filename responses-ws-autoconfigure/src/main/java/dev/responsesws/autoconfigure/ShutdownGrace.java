package dev.responsesws.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;

/**
 * The grace period of the session's shutdown, fitted into Spring's shutdown phase
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}): the grace period and the closing of the
 * connections after it must end before Spring stops waiting for the phase, or the web server
 * stops while turns still stream and their responses are cut with no error. Closing the
 * connections is given {@link #CLOSE_MARGIN}, or half the phase when the phase is shorter than
 * twice that.
 */
final class ShutdownGrace {

	private static final long SPRING_DEFAULT_PHASE_SECONDS = 10;

	/**
	 * The phase timeout of Spring's own {@code DefaultLifecycleProcessor}, which applies when
	 * Boot's lifecycle auto-configuration (and so {@code spring.lifecycle.*}) is not in use.
	 */
	static final Duration SPRING_DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(SPRING_DEFAULT_PHASE_SECONDS);

	/** Time left after the grace period to close the connections. */
	static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

	private ShutdownGrace() {
	}

	/**
	 * Return the grace period: the configured one if it fits the phase, else the longest that
	 * fits when none is configured.
	 * @param configured {@code responses.ws.shutdown.grace}, or {@code null} when not set
	 * @param phaseTimeout the timeout of the shutdown phase
	 * @return the grace period
	 * @throws ResponsesWsConfigurationException when the configured grace period does not fit
	 */
	static Duration of(@Nullable Duration configured, Duration phaseTimeout) {
		Duration margin = margin(phaseTimeout);
		Duration longest = phaseTimeout.minus(margin);
		if (configured == null) {
			return longest;
		}
		if (configured.isNegative()) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.shutdown.grace (" + format(configured) + ") is negative.",
					"Set responses.ws.shutdown.grace to at most " + format(longest)
							+ ", or remove it to derive it from spring.lifecycle.timeout-per-shutdown-phase.");
		}
		if (configured.compareTo(longest) > 0) {
			throw new ResponsesWsConfigurationException("responses.ws.shutdown.grace (" + format(configured)
					+ ") does not fit in spring.lifecycle.timeout-per-shutdown-phase (" + format(phaseTimeout)
					+ ") with " + format(margin) + " left to close the connections: Spring would stop waiting "
					+ "for the shutdown before the turns still running fail, and their responses would be cut "
					+ "with no error.",
					"Set responses.ws.shutdown.grace to at most " + format(longest)
							+ " (or remove it to derive it from the phase timeout), or set "
							+ "spring.lifecycle.timeout-per-shutdown-phase to at least "
							+ format(configured.plus(CLOSE_MARGIN)) + ".");
		}
		return configured;
	}

	/**
	 * Return the timeout of the shutdown phase: {@code spring.lifecycle.timeout-per-shutdown-phase}
	 * when Boot's lifecycle auto-configuration applies it, else the default of Spring's own
	 * lifecycle processor ({@value #SPRING_DEFAULT_PHASE_SECONDS} seconds), which ignores that
	 * property.
	 * @param lifecycleProperties Boot's lifecycle properties, if they are in use
	 * @return the timeout
	 */
	static Duration phaseTimeout(ObjectProvider<LifecycleProperties> lifecycleProperties) {
		LifecycleProperties properties = lifecycleProperties.getIfAvailable();
		return (properties != null) ? properties.getTimeoutPerShutdownPhase() : SPRING_DEFAULT_PHASE_TIMEOUT;
	}

	private static Duration margin(Duration phaseTimeout) {
		Duration half = phaseTimeout.dividedBy(2);
		return (half.compareTo(CLOSE_MARGIN) < 0) ? half : CLOSE_MARGIN;
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 1000 != 0) {
			return millis + "ms";
		}
		long seconds = millis / 1000;
		if (seconds != 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds != 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

}
