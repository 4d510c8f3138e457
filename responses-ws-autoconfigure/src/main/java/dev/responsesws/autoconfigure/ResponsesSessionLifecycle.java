package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the session's connections for the application context: connects (and warms up) at
 * start-up when configured, and at shutdown refuses new turns, lets running turns finish within
 * the grace period, then closes the connections.
 *
 * <p>It stops after the web server's graceful shutdown, which lets requests still being served
 * finish their turns, and before the web server itself.
 */
public class ResponsesSessionLifecycle implements SmartLifecycle {

	/** The phase: stopped after graceful shutdown of the web server, before the server stops. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private final ResponsesSession session;

	private final ResponsesWsProperties properties;

	private volatile boolean running;

	/**
	 * Create a lifecycle for the session.
	 * @param session the session
	 * @param properties the configuration
	 */
	public ResponsesSessionLifecycle(ResponsesSession session, ResponsesWsProperties properties) {
		this.session = session;
		this.properties = properties;
	}

	@Override
	public void start() {
		ResponsesWsProperties.Startup startup = this.properties.getStartup();
		Duration timeout = startup.getTimeout();
		if (startup.isConnect()) {
			this.session.connect().block(timeout);
		}
		if (startup.isWarmup()) {
			this.session.warmup(CreateResponse.builder()
				.model(this.properties.getModel())
				.instructions(this.properties.getInstructions())
				.store(this.properties.isStore())
				.build()).block(timeout);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		Duration grace = this.properties.getShutdown().getGrace();
		this.session.close(grace).block(grace.plusSeconds(15));
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		Duration grace = this.properties.getShutdown().getGrace();
		this.session.close(grace).timeout(grace.plusSeconds(15)).doFinally((signal) -> {
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
