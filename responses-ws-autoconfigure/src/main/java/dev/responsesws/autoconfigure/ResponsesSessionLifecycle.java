package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Owns the session's connections for the application context: connects (and warms up) at
 * start-up when configured, and at shutdown refuses new turns, lets running turns finish within
 * the grace period, fails those still running with
 * {@link dev.responsesws.client.error.SessionClosedException}, then closes the connections. The
 * session's own {@link ResponsesSession#close()}, which the context calls when it destroys the
 * session bean, then does nothing, so the session closes once. A session on HTTP has no
 * warm-up, so there the start-up warm-up is replaced by {@link ResponsesSession#probe()}, which
 * checks that the server answers and accepts the key.
 *
 * <p>It stops after the web server's graceful shutdown, which lets requests still being served
 * finish their turns, and before the web server itself.
 */
public class ResponsesSessionLifecycle implements SmartLifecycle {

	/** The phase: stopped after graceful shutdown of the web server, before the server stops. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final ResponsesSession session;

	private final ResponsesWsProperties properties;

	private final Duration grace;

	private volatile boolean running;

	/**
	 * Create a lifecycle for the session.
	 * @param session the session
	 * @param properties the configuration
	 * @param grace how long running turns may take to finish at shutdown; it and the closing of
	 * the connections after it should end within {@code spring.lifecycle.timeout-per-shutdown-phase}
	 */
	public ResponsesSessionLifecycle(ResponsesSession session, ResponsesWsProperties properties, Duration grace) {
		this.session = session;
		this.properties = properties;
		this.grace = grace;
	}

	/**
	 * Connect and warm up when configured. A failure, the server refusing the key or being out
	 * of reach for instance, or a start-up that takes longer than {@code startup.timeout}, stops
	 * the start-up with a {@link ResponsesWsConfigurationException} that says what failed and
	 * which properties to check.
	 */
	@Override
	public void start() {
		ResponsesWsProperties.Startup startup = this.properties.getStartup();
		if (startup.isConnect()) {
			await(this.session.connect().onErrorResume(this::fallsBackToHttp, (noWebSocketMode) -> Mono.empty()),
					"The start-up connect (responses.ws.startup.connect)");
		}
		if (startup.isWarmup()) {
			await(warmupOrProbe(), "The start-up warm-up (responses.ws.startup.warmup)");
		}
		this.running = true;
	}

	private void await(Mono<Void> step, String name) {
		Duration timeout = this.properties.getStartup().getTimeout();
		try {
			step.timeout(timeout, Mono.error(() -> StartupFailures.timedOut(name, timeout,
					this.properties.getBaseUrl())))
				.block();
		}
		catch (ResponsesWsConfigurationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw StartupFailures.describe(ex, name, this.properties);
		}
	}

	/**
	 * A server without WebSocket mode (426) does not stop the start-up when the session falls
	 * back to HTTP: its first turn switches the session to HTTP.
	 */
	private boolean fallsBackToHttp(Throwable error) {
		Throwable refusal = (error instanceof ConnectBackoffException backoff && backoff.getCause() != null)
				? backoff.getCause() : error;
		return this.properties.isFallbackToHttp() && refusal instanceof HandshakeRejectedException rejected
				&& rejected.status() == 426;
	}

	/**
	 * A session on HTTP, configured so or after a fallback, has no warm-up: it is checked with
	 * a probe instead, which needs no model call either.
	 */
	private Mono<Void> warmupOrProbe() {
		CreateResponse request = CreateResponse.builder()
			.model(this.properties.getModel())
			.instructions(this.properties.getInstructions())
			.store(this.properties.isStore())
			.build();
		return this.session.warmup(request)
			.then()
			.onErrorResume(WarmupUnavailableException.class, (unavailable) -> this.session.probe());
	}

	@Override
	public void stop() {
		this.session.close(this.grace).block(this.grace.plusSeconds(15));
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		this.session.close(this.grace).timeout(this.grace.plusSeconds(15)).doFinally((signal) -> {
			this.running = false;
			callback.run();
		}).subscribe(null, (error) -> {
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
