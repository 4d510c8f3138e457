package dev.responsesws.autoconfigure.observation;

import java.util.function.ToDoubleFunction;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Gauges and counters read from the session's {@link SessionSnapshot}: connections open and
 * busy, turns in flight and queued, turns completed and failed, reconnects, connect failures.
 * The session is looked up when a meter is read, so binding the meters does not create it.
 */
public class ResponsesSessionMetrics implements MeterBinder {

	private final ObjectProvider<ResponsesSession> session;

	/**
	 * Create the meters' source.
	 * @param session the session, looked up when a meter is read
	 */
	public ResponsesSessionMetrics(ObjectProvider<ResponsesSession> session) {
		this.session = session;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "responses.ws.connections.open", "Open WebSocket connections",
				SessionSnapshot::connectionsOpen);
		gauge(registry, "responses.ws.connections.busy", "Connections running a turn",
				SessionSnapshot::connectionsBusy);
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
		Gauge.builder(name, this, (metrics) -> metrics.read(value)).description(description).register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<SessionSnapshot> value) {
		FunctionCounter.builder(name, this, (metrics) -> metrics.read(value))
			.description(description)
			.register(registry);
	}

	private double read(ToDoubleFunction<SessionSnapshot> value) {
		ResponsesSession current = this.session.getIfAvailable();
		return (current != null) ? value.applyAsDouble(current.snapshot()) : Double.NaN;
	}

}
