package dev.responsesws.autoconfigure.observation;

import java.time.Duration;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records the session's turns as Micrometer {@link Observation}s named
 * {@value #TURN_OBSERVATION} (low-cardinality keys: {@code model}, {@code transport},
 * {@code outcome}, {@code error.code}; an event when the first server event arrives) and, when a
 * {@link MeterRegistry} is available, meters: time to first event, tokens by type, bytes sent and
 * received, connections opened and closed, rotations and replays.
 */
public class MicrometerSessionObserver implements SessionObserver {

	/** The name of the turn observation. */
	public static final String TURN_OBSERVATION = "responses.ws.turn";

	private static final String NO_VALUE = "none";

	private final ObservationRegistry observations;

	private final @Nullable MeterRegistry meters;

	/**
	 * Create an observer.
	 * @param observations the observation registry
	 * @param meters the meter registry, or {@code null} to record observations only
	 */
	public MicrometerSessionObserver(ObservationRegistry observations, @Nullable MeterRegistry meters) {
		this.observations = observations;
		this.meters = meters;
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport) {
		String model = (request.model() != null) ? request.model() : NO_VALUE;
		String transportName = transport.name().toLowerCase(java.util.Locale.ROOT);
		Observation observation = Observation.createNotStarted(TURN_OBSERVATION, this.observations)
			.contextualName("responses turn")
			.lowCardinalityKeyValue("model", model)
			.lowCardinalityKeyValue("transport", transportName)
			.start();
		long start = System.nanoTime();
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				observation.event(Observation.Event.of("first-event", "first event of the turn"));
				MeterRegistry registry = MicrometerSessionObserver.this.meters;
				if (registry != null) {
					Timer.builder("responses.ws.turn.first-event")
						.description("Time from sending a turn to its first event")
						.tag("model", model)
						.tag("transport", transportName)
						.register(registry)
						.record(Duration.ofNanos(System.nanoTime() - start));
				}
			}

			@Override
			public void completed(@Nullable Response response) {
				String status = (response != null && response.status() != null) ? response.status() : "completed";
				observation.lowCardinalityKeyValue("outcome", status).lowCardinalityKeyValue("error.code", NO_VALUE);
				if (response != null) {
					tokens(model, "input", response.usage().inputTokens());
					tokens(model, "cached", response.usage().cachedInputTokens());
					tokens(model, "output", response.usage().outputTokens());
				}
				observation.stop();
			}

			@Override
			public void failed(Throwable error) {
				observation.lowCardinalityKeyValue("outcome", "error")
					.lowCardinalityKeyValue("error.code", errorCode(error))
					.error(error)
					.stop();
			}

			@Override
			public void cancelled() {
				observation.lowCardinalityKeyValue("outcome", "cancelled")
					.lowCardinalityKeyValue("error.code", NO_VALUE)
					.stop();
			}

		};
	}

	static String errorCode(Throwable error) {
		if (error instanceof ResponsesApiException api && api.code() != null) {
			return api.code();
		}
		if (error instanceof HandshakeRejectedException rejected) {
			return "handshake_" + rejected.status();
		}
		if (error instanceof ConnectionClosedException) {
			return "connection_closed";
		}
		return error.getClass().getSimpleName();
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
	public void chainReplayed() {
		count("responses.ws.conversations.replays", "Conversation chains rebuilt from the transcript", 1);
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
		MeterRegistry registry = this.meters;
		if (registry != null) {
			Counter.builder(name).description(description).tags(tags).register(registry).increment(amount);
		}
	}

}
