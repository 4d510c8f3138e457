package dev.responsesws.autoconfigure.observation;

import java.util.function.ToDoubleFunction;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges and counters read from the session's {@link SessionSnapshot}: connections open and
 * busy, turns in flight and queued, turns completed and failed, reconnects, connect failures.
 */
public class ResponsesSessionMetrics implements MeterBinder {

	private final ResponsesSession session;

	/**
	 * Create the meters' source.
	 * @param session the session
	 */
	public ResponsesSessionMetrics(ResponsesSession session) {
		this.session = session;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "responses.ws.connections.open", "Open WebSocket connections", SessionSnapshot::connectionsOpen);
		gauge(registry, "responses.ws.connections.busy", "Connections running a turn", SessionSnapshot::connectionsBusy);
		gauge(registry, "responses.ws.turns.in-flight", "Turns running", SessionSnapshot::inFlight);
		gauge(registry, "responses.ws.turns.queued", "Turns waiting for a connection", SessionSnapshot::queued);
		counter(registry, "responses.ws.turns.completed", "Turns that ended with a terminal event",
				SessionSnapshot::turnsCompleted);
		counter(registry, "responses.ws.turns.failed", "Turns that ended with an error", SessionSnapshot::turnsFailed);
		counter(registry, "responses.ws.connections.reconnects", "Connections opened to replace a lost one",
				SessionSnapshot::reconnects);
		counter(registry, "responses.ws.connections.connect-failures", "Failed attempts to open a connection",
				SessionSnapshot::connectFailures);
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<SessionSnapshot> value) {
		Gauge.builder(name, this.session, (session) -> value.applyAsDouble(session.snapshot()))
			.description(description)
			.register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<SessionSnapshot> value) {
		FunctionCounter.builder(name, this.session, (session) -> value.applyAsDouble(session.snapshot()))
			.description(description)
			.register(registry);
	}

}
