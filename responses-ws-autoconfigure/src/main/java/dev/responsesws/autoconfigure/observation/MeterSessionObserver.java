package dev.responsesws.autoconfigure.observation;

import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records the session's traffic as Micrometer meters: time to first event, tokens by type,
 * bytes sent and received, connections opened, closed and rotated, chain hits and misses by
 * reason.
 */
public class MeterSessionObserver implements SessionObserver {

	private final MeterRegistry registry;

	/**
	 * Create an observer.
	 * @param registry the registry meters go to
	 */
	public MeterSessionObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport) {
		String model = ObservationSessionObserver.model(request);
		String transportName = ObservationSessionObserver.transportName(transport);
		long start = System.nanoTime();
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				Timer.builder("responses.ws.turn.first-event")
					.description("Time from sending a turn to its first event")
					.tag("model", model)
					.tag("transport", transportName)
					.register(MeterSessionObserver.this.registry)
					.record(Duration.ofNanos(System.nanoTime() - start));
			}

			@Override
			public void completed(@Nullable Response response) {
				if (response != null) {
					tokens(model, "input", response.usage().inputTokens());
					tokens(model, "cached", response.usage().cachedInputTokens());
					tokens(model, "output", response.usage().outputTokens());
				}
			}

		};
	}

	private void tokens(String model, String type, long count) {
		if (count > 0) {
			count("responses.ws.tokens", "Tokens reported in the usage of responses", count, "model", model, "type",
					type);
		}
	}

	@Override
	public void connectionOpened() {
		count("responses.ws.connections.opened", "WebSocket connections opened", 1);
	}

	@Override
	public void connectionClosed(boolean lost) {
		count("responses.ws.connections.closed", "WebSocket connections closed", 1, "lost", String.valueOf(lost));
	}

	@Override
	public void connectionRotated() {
		count("responses.ws.connections.rotated", "Connections retired because of their age", 1);
	}

	@Override
	public void chainHit() {
		count("responses.ws.chain.hits", "Turns that continued a chain with previous_response_id", 1);
	}

	@Override
	public void chainMissed(ChainMissReason reason) {
		count("responses.ws.chain.misses", "Turns of a chain refused or sent with their transcript again", 1, "reason",
				reason.tag());
	}

	@Override
	public void bytesSent(long bytes) {
		count("responses.ws.bytes.sent", "Bytes of requests sent, before compression", bytes);
	}

	@Override
	public void bytesReceived(long bytes) {
		count("responses.ws.bytes.received", "Bytes of events received, after decompression", bytes);
	}

	private void count(String name, String description, long amount, String... tags) {
		Counter.builder(name).description(description).tags(tags).register(this.registry).increment(amount);
	}

}
