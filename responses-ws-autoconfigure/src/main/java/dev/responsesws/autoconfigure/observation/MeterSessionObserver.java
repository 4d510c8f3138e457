package dev.responsesws.autoconfigure.observation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.Usage;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Records the session's traffic as Micrometer meters: time to first event, tokens by type,
 * bytes sent and received, connections opened, closed and rotated, chain hits (and those served
 * from the server's storage) and misses by reason.
 *
 * <p>Every meter whose tags are known in advance is registered when the observer is created, so
 * it reads 0 before the first event; the meters tagged with a model are registered with the first
 * turn of that model. Meters are registered once and kept: no callback registers a meter after
 * that, none does on the path of every received frame.
 */
public class MeterSessionObserver implements SessionObserver {

	/** Name of the timer of the time from subscribing a turn to its first event. */
	public static final String TIME_TO_FIRST_EVENT = "responses.ws.turn.time-to-first-event";

	/** Name of the counter of tokens reported in the usage of responses. */
	public static final String TOKENS = "responses.ws.tokens";

	/** Name of the counter of bytes of requests sent. */
	public static final String DATA_SENT = "responses.ws.data.sent";

	/** Name of the counter of bytes of events received. */
	public static final String DATA_RECEIVED = "responses.ws.data.received";

	/** Name of the counter of WebSocket connections opened. */
	public static final String CONNECTIONS_OPENED = "responses.ws.connections.opened";

	/** Name of the counter of WebSocket connections closed. */
	public static final String CONNECTIONS_CLOSED = "responses.ws.connections.closed";

	/** Name of the counter of connections retired because of their age. */
	public static final String CONNECTIONS_ROTATED = "responses.ws.connections.rotated";

	/** Name of the counter of turns that continued a chain. */
	public static final String CHAIN_HITS = "responses.ws.chain.hits";

	/**
	 * Name of the counter of chain hits whose previous response no connection of the session
	 * held, so the server read it from its storage.
	 */
	public static final String CHAIN_STORED_HITS = "responses.ws.chain.stored-hits";

	/** Name of the counter of turns that could not continue their chain. */
	public static final String CHAIN_MISSES = "responses.ws.chain.misses";

	private static final String BYTES = "bytes";

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final Counter sent;

	private final Counter received;

	private final Counter opened;

	private final Counter closedBySession;

	private final Counter closedLost;

	private final Counter rotated;

	private final Counter hits;

	private final Counter storedHits;

	private final Map<ChainMissReason, Counter> misses = new EnumMap<>(ChainMissReason.class);

	private final Map<TransportMode, ConcurrentMap<String, Timer>> timeToFirstEvent = new EnumMap<>(
			TransportMode.class);

	private final ConcurrentMap<String, TokenCounters> tokens = new ConcurrentHashMap<>();

	/**
	 * Create an observer and register its meters.
	 * @param registry the registry meters go to
	 */
	public MeterSessionObserver(MeterRegistry registry) {
		this.registry = registry;
		this.sent = Counter.builder(DATA_SENT)
			.description("Bytes of requests sent, before compression")
			.baseUnit(BYTES)
			.register(registry);
		this.received = Counter.builder(DATA_RECEIVED)
			.description("Bytes of events received, after decompression")
			.baseUnit(BYTES)
			.register(registry);
		this.opened = counter(CONNECTIONS_OPENED, "WebSocket connections opened").register(registry);
		this.closedBySession = closed(false);
		this.closedLost = closed(true);
		this.rotated = counter(CONNECTIONS_ROTATED, "Connections retired because of their age").register(registry);
		this.hits = counter(CHAIN_HITS, "Turns that continued a chain with previous_response_id").register(registry);
		this.storedHits = counter(CHAIN_STORED_HITS,
				"Chain hits whose previous response no connection held, read from the server's storage")
			.register(registry);
		for (ChainMissReason reason : ChainMissReason.values()) {
			this.misses.put(reason,
					counter(CHAIN_MISSES, "Turns of a chain refused or sent with their transcript again")
						.tag("reason", reason.tag())
						.register(registry));
		}
		for (TransportMode transport : TransportMode.values()) {
			this.timeToFirstEvent.put(transport, new ConcurrentHashMap<>());
		}
	}

	private Counter closed(boolean lost) {
		return counter(CONNECTIONS_CLOSED, "WebSocket connections closed")
			.tag("lost", String.valueOf(lost))
			.register(this.registry);
	}

	private static Counter.Builder counter(String name, String description) {
		return Counter.builder(name).description(description);
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
		String model = (request.model() != null) ? request.model() : NONE;
		Timer firstEventTimer = this.timeToFirstEvent.get(transport)
			.computeIfAbsent(model, (key) -> timeToFirstEventTimer(key, transport));
		long start = System.nanoTime();
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				firstEventTimer.record(Duration.ofNanos(System.nanoTime() - start));
			}

			@Override
			public void completed(@Nullable Response response) {
				if (response != null) {
					MeterSessionObserver.this.tokens.computeIfAbsent(model, MeterSessionObserver.this::tokenCounters)
						.record(response.usage());
				}
			}

		};
	}

	private Timer timeToFirstEventTimer(String model, TransportMode transport) {
		return Timer.builder(TIME_TO_FIRST_EVENT)
			.description("Time from subscribing a turn to its first event")
			.tag("model", model)
			.tag("transport", transport.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	private TokenCounters tokenCounters(String model) {
		return new TokenCounters(tokenCounter(model, "input"), tokenCounter(model, "cached"),
				tokenCounter(model, "output"));
	}

	private Counter tokenCounter(String model, String type) {
		return Counter.builder(TOKENS)
			.description("Tokens reported in the usage of responses")
			.baseUnit("tokens")
			.tag("model", model)
			.tag("type", type)
			.register(this.registry);
	}

	@Override
	public void connectionOpened() {
		this.opened.increment();
	}

	@Override
	public void connectionClosed(boolean lost) {
		(lost ? this.closedLost : this.closedBySession).increment();
	}

	@Override
	public void connectionRotated() {
		this.rotated.increment();
	}

	@Override
	public void chainHit() {
		this.hits.increment();
	}

	@Override
	public void storedChainHit() {
		this.storedHits.increment();
	}

	@Override
	public void chainMissed(ChainMissReason reason) {
		this.misses.get(reason).increment();
	}

	@Override
	public void bytesSent(long bytes) {
		this.sent.increment(bytes);
	}

	@Override
	public void bytesReceived(long bytes) {
		this.received.increment(bytes);
	}

	private record TokenCounters(Counter input, Counter cached, Counter output) {

		void record(Usage usage) {
			this.input.increment(usage.inputTokens());
			this.cached.increment(usage.cachedInputTokens());
			this.output.increment(usage.outputTokens());
		}

	}

}
