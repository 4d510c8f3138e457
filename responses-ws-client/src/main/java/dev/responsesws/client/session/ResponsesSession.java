package dev.responsesws.client.session;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.internal.session.BaseUrls;
import dev.responsesws.client.internal.transport.ConnectionListener;
import dev.responsesws.client.internal.transport.ConnectionSettings;
import dev.responsesws.client.internal.transport.HttpResponsesTransport;
import dev.responsesws.client.internal.transport.WebSocketConnection;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.util.context.ContextView;

/**
 * The entry point: runs turns against the Responses API over a pool of WebSocket connections.
 *
 * <p>{@link #create(CreateResponse)} runs one turn and returns its events as a cold
 * {@code Flux}: nothing is sent until it is subscribed, events arrive only on demand (a slow
 * subscriber makes the connection stop reading, and TCP pushes back on the server), and it
 * completes after the terminal event or fails with a typed
 * {@link dev.responsesws.client.error.ResponsesException}. A turn whose
 * {@code previous_response_id} was produced on a live connection runs on that connection, where
 * the server holds the response in memory. A turn refused with
 * {@code websocket_connection_limit_reached} runs again once on a new connection; a server
 * without WebSocket mode (426 on the upgrade) makes the session use HTTP for the rest of its
 * life, and one without lanes (a {@code stream_id} refused as unknown) makes it stop using
 * lanes, in {@link LaneMode#AUTO}, the default. Cancelling a turn cannot stop the server; see
 * {@link CancelPolicy}.
 *
 * <pre>{@code
 * ResponsesSession session = ResponsesSession.builder()
 *     .apiKey(System.getenv("OPENAI_API_KEY"))
 *     .build();
 * session.create(CreateResponse.builder().model("gpt-5.1").input(InputMessage.user("Hi")).build())
 *     .ofType(OutputTextDeltaEvent.class)
 *     .subscribe((delta) -> System.out.print(delta.delta()));
 * }</pre>
 *
 * <p>Thread-safe. Close it with {@link #close(Duration)} to let running turns finish.
 */
public final class ResponsesSession implements AutoCloseable {

	private final SessionConfig config;

	private final SessionStats stats = new SessionStats();

	private final ConnectionPool pool;

	private final HttpResponsesTransport http;

	private final TransportFailover failover;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Sinks.One<Duration> graceEnded = Sinks.one();

	private final String instanceId;

	private ResponsesSession(SessionConfig config, String instanceId) {
		this.config = config;
		this.instanceId = instanceId;
		this.pool = new ConnectionPool(config, this.stats);
		this.http = new HttpResponsesTransport(config.httpClient(), config.httpBaseUrl(), config.headers(),
				config.maxFrameSize(), config.idleTimeout(), (bytes) -> config.observer().bytesSent(bytes),
				(bytes) -> config.observer().bytesReceived(bytes));
		this.failover = new TransportFailover(config, this.pool, this.http);
	}

	/**
	 * Create a builder.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Open the configured minimum of connections now instead of at the first turn. Nothing
	 * happens until the {@code Mono} is subscribed; an attempt that fails or is cancelled leaves
	 * its place in the pool to later turns.
	 * @return a {@code Mono} that completes when they are open, or fails with the first error
	 */
	public Mono<Void> connect() {
		return (this.failover.transport() == TransportMode.HTTP) ? Mono.empty() : this.pool.fill();
	}

	/**
	 * Run a turn.
	 * @param request the request
	 * @return the turn's events, cold; subscribe once
	 */
	public Flux<ResponseEvent> create(CreateResponse request) {
		Objects.requireNonNull(request, "request");
		return Flux.deferContextual((context) -> {
			if (this.closed.get()) {
				return Flux.error(new SessionClosedException("The session is closed and takes no new turns"));
			}
			TransportMode mode = this.failover.transport();
			return observed(chainCounted(failedWhenGraceEnds(this.failover.send(request, mode)), request), request,
					mode, context);
		}).doOnComplete(this.stats::completed).doOnError(this.stats::failed);
	}

	/**
	 * Count a turn that continues a chain as a hit when the server accepts it (and as a stored
	 * hit when no connection of this session held the response, so the server read it from its
	 * storage), or as a miss when the server does not find its previous response.
	 */
	private Flux<ResponseEvent> chainCounted(Flux<ResponseEvent> events, CreateResponse request) {
		String previous = request.previousResponseId();
		if (previous == null) {
			return events;
		}
		boolean held = holdsResponse(previous);
		AtomicBoolean counted = new AtomicBoolean();
		return events.doOnNext((event) -> {
			if (event instanceof ResponseCreatedEvent && counted.compareAndSet(false, true)) {
				this.stats.chainHit(!held);
				this.config.observer().chainHit();
				if (!held) {
					this.config.observer().storedChainHit();
				}
			}
		}).doOnError(ResponsesApiException.class, (error) -> {
			if (ApiError.PREVIOUS_RESPONSE_NOT_FOUND.equals(error.code()) && counted.compareAndSet(false, true)) {
				chainMissed(this.pool.missReason(previous));
			}
		});
	}

	/**
	 * Tell the session that its turns form chains, before the first turn that continues one: its
	 * pool then keeps a chain's connection (or lane) between two of its turns from the start
	 * (see {@link Builder#chainContinuation(Duration, Duration)}), which it otherwise does from
	 * the first turn with {@code previous_response_id}. A
	 * {@link dev.responsesws.client.conversation.Conversation} calls it.
	 */
	public void expectChains() {
		this.pool.expectChains();
	}

	/**
	 * Count a turn that sends its chain's transcript again instead of continuing the given
	 * response, because this session does not hold it, in the chain metrics of
	 * {@link #snapshot()} and the observer.
	 * @param previousResponseId the response the turn could not continue
	 * @return why: the connection that held it was lost or retired, or another chain took its
	 * place; {@link ChainMissReason#NOT_FOUND} when the session never held it
	 */
	public ChainMissReason replayingChain(String previousResponseId) {
		ChainMissReason reason = this.pool.missReason(previousResponseId);
		chainMissed(reason);
		return reason;
	}

	/**
	 * Count a turn that sends its chain's transcript again for a reason the caller knows, such
	 * as {@link ChainMissReason#SETTINGS_CHANGED}, in the chain metrics of {@link #snapshot()}
	 * and the observer.
	 * @param reason why the turn could not continue its chain
	 */
	public void replayingChain(ChainMissReason reason) {
		chainMissed(Objects.requireNonNull(reason, "reason"));
	}

	private void chainMissed(ChainMissReason reason) {
		this.stats.chainMissed(reason);
		this.config.observer().chainMissed(reason);
	}

	/**
	 * Fail a turn still running when the grace period of {@link #close(Duration)} has ended with
	 * {@link SessionClosedException}: nothing else ends a turn over HTTP, and over WebSocket the
	 * connection fails its turns only once it has closed.
	 */
	private Flux<ResponseEvent> failedWhenGraceEnds(Flux<ResponseEvent> events) {
		return Flux.defer(() -> {
			AtomicBoolean completed = new AtomicBoolean();
			return events.doOnComplete(() -> completed.set(true))
				.takeUntilOther(this.graceEnded.asMono())
				.concatWith(Mono.defer(() -> completed.get() ? Mono.empty()
						: this.graceEnded.asMono().flatMap((grace) -> Mono.error(new SessionClosedException(
								"The session closed after its grace period of " + grace + " while the turn was running")))));
		});
	}

	/**
	 * Tell the observer about a turn; the subscriber's context is passed on so that the turn's
	 * observation can take the caller's observation as its parent.
	 */
	private Flux<ResponseEvent> observed(Flux<ResponseEvent> events, CreateResponse request, TransportMode mode,
			ContextView context) {
		SessionObserver.TurnObservation observation = this.config.observer().turnStarted(request, mode, context);
		boolean[] first = { true };
		Response[] last = new Response[1];
		return events.doOnNext((event) -> {
			if (first[0]) {
				first[0] = false;
				observation.firstEvent();
			}
			if (event instanceof ResponseTerminalEvent terminal) {
				last[0] = terminal.response();
			}
		})
			.doOnComplete(() -> observation.completed(last[0]))
			.doOnError(observation::failed)
			.doOnCancel(observation::cancelled);
	}

	/**
	 * Run a turn and return its final response.
	 * @param request the request
	 * @return the completed or incomplete response; a failed response is signalled as
	 * {@link ResponseFailedException}
	 */
	public Mono<Response> execute(CreateResponse request) {
		return create(request).ofType(ResponseTerminalEvent.class).last().flatMap((terminal) -> {
			if (terminal instanceof ResponseFailedEvent failed) {
				return Mono.error(new ResponseFailedException(failed.response()));
			}
			return Mono.just(terminal.response());
		});
	}

	/**
	 * Warm a connection up: send the request with {@code generate:false}, so the server
	 * prepares its instructions, tools and input without producing output, and return the id of
	 * the (empty) response the next turn can chain from with {@code previous_response_id}.
	 *
	 * <p>A warm-up needs WebSocket mode. Over HTTP it would be a full, billed generation, so it
	 * is never sent there: when the session uses HTTP at subscription, configured so or after a
	 * fallback, and when the warm-up's own connect meets the 426 that makes the session fall back,
	 * it fails with {@link WarmupUnavailableException} and no request reaches the model. Send the
	 * warm-up's items with the first turn instead. Nothing happens until the {@code Mono} is
	 * subscribed.
	 * @param request the request to prepare
	 * @return the response id
	 */
	public Mono<String> warmup(CreateResponse request) {
		CreateResponse warmup = request.toBuilder().generate(false).build();
		return Mono.defer(() -> (this.failover.transport() == TransportMode.HTTP)
				? Mono.error(new WarmupUnavailableException()) : execute(warmup).map(Response::id));
	}

	/**
	 * Check that the server is reachable and accepts the key, without a model call: over
	 * WebSocket a connection is opened and closed at once (not added to the pool); over HTTP
	 * {@code GET /models} is sent.
	 * @return a {@code Mono} that completes when the server answered, or fails with the typed
	 * error ({@link HandshakeRejectedException} for a refused key, for instance)
	 */
	public Mono<Void> probe() {
		if (this.failover.transport() == TransportMode.HTTP) {
			return this.http.probe();
		}
		return dev.responsesws.client.internal.transport.WebSocketConnection
			.connect(this.config.httpClient(), this.config.connectionSettings(), "probe",
					dev.responsesws.client.internal.transport.ConnectionListener.NONE)
			.flatMap((connection) -> connection.close(1000, "probe"));
	}

	/**
	 * Return whether a live connection of this session holds the given response in memory, so
	 * a turn continuing it would be served from the connection's cache.
	 * @param responseId the response id
	 * @return whether the response is held; always {@code false} over HTTP
	 */
	public boolean holdsResponse(String responseId) {
		return this.failover.transport() == TransportMode.WEBSOCKET && this.pool.holds(responseId);
	}

	/**
	 * Return the name of this session among the instances of an application that share
	 * conversations: a conversation store records which instance's connection holds a
	 * conversation's last response, so that the others know they do not.
	 * @return the instance id; a random UUID unless {@link Builder#instanceId(String)} set it
	 */
	public String instanceId() {
		return this.instanceId;
	}

	/**
	 * Return the observer told about this session's turns and connections. An exception thrown by
	 * the configured observer never reaches a turn: the first one of each observer class is logged
	 * at WARN with that class's name, later ones at DEBUG.
	 * @return the configured observer behind that guard, {@link SessionObserver#NONE} when none
	 * was set
	 */
	public SessionObserver observer() {
		return this.config.observer();
	}

	/**
	 * Return the transport in use.
	 * @return {@link TransportMode#HTTP} when configured so or after a fallback
	 */
	public TransportMode transport() {
		return this.failover.transport();
	}

	/**
	 * Return whether new turns run on {@code stream_id} lanes.
	 * @return {@code true} with {@link LaneMode#ON}, and with {@link LaneMode#AUTO} until the
	 * server refused a lane; {@code false} with {@link LaneMode#OFF} and after that refusal
	 */
	public boolean lanesInUse() {
		return this.pool.lanesInUse();
	}

	/**
	 * Return a snapshot of the session's state.
	 * @return the snapshot
	 */
	public SessionSnapshot snapshot() {
		int[] counts = this.pool.counts();
		return new SessionSnapshot(this.failover.transport(), this.pool.lanesInUse(), counts[0], counts[1], counts[2],
				counts[3] + this.failover.httpInFlight(), counts[4], this.stats.turnsCompleted.get(),
				this.stats.turnsFailed.get(), this.stats.connectionsOpened.get(), this.stats.reconnects.get(),
				this.stats.rotations.get(), this.stats.connectFailures.get(), this.stats.chains(), this.stats.lastError(),
				this.stats.lastErrorAt(), this.stats.lastSuccessAt(), this.closed.get());
	}

	/**
	 * Return a blocking view of this session for code that does not use Reactor.
	 * @return the blocking view
	 */
	public BlockingResponses blocking() {
		return new BlockingResponses(this);
	}

	/**
	 * Refuse new turns, let running turns finish within the grace period, then close every
	 * connection with status 1000. Turns still running after the grace period, over WebSocket or
	 * HTTP, fail with {@link SessionClosedException}, so an application can tell its own client
	 * that the answer was cut short. Calling it again while the session closes ends the grace
	 * period of the turns still running after the shorter of the two. Nothing happens until the
	 * {@code Mono} is subscribed.
	 * @param grace how long running turns may take
	 * @return a {@code Mono} that completes when every turn has ended or the grace period is
	 * over, and the connections are closed
	 */
	public Mono<Void> close(Duration grace) {
		Objects.requireNonNull(grace, "grace");
		return Mono.defer(() -> {
			this.closed.set(true);
			return Mono.when(this.pool.close(grace), this.failover.closeHttp().timeout(grace, Mono.empty()));
		}).then(Mono.fromRunnable(() -> this.graceEnded.tryEmitValue(grace)));
	}

	/**
	 * Close with the configured grace period, blocking until done. Does nothing when the session
	 * is already closing or closed, so an owner that closed it with {@link #close(Duration)} (an
	 * application context's lifecycle, for instance) is not made to wait a second time.
	 */
	@Override
	public void close() {
		if (this.closed.get()) {
			return;
		}
		close(this.config.closeGrace()).block(this.config.closeGrace().plusSeconds(15));
	}

	@Override
	public String toString() {
		return "ResponsesSession[" + this.config.baseUrl() + ", " + this.failover.transport() + "]";
	}

	/**
	 * Builds a {@link ResponsesSession}. Every setting has a default suitable for the OpenAI API;
	 * {@link ResponsesSessionDefaults} holds them.
	 */
	public static final class Builder {

		private URI baseUrl = URI.create(ResponsesSessionDefaults.BASE_URL);

		private @Nullable String apiKey;

		private String apiKeyHeader = ResponsesSessionDefaults.API_KEY_HEADER;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private TransportMode transport = ResponsesSessionDefaults.TRANSPORT;

		private boolean fallbackToHttp = ResponsesSessionDefaults.FALLBACK_TO_HTTP;

		private int minConnections = ResponsesSessionDefaults.MIN_CONNECTIONS;

		private int maxConnections = ResponsesSessionDefaults.MAX_CONNECTIONS;

		private int maxQueued = ResponsesSessionDefaults.MAX_QUEUED;

		private Duration acquireTimeout = ResponsesSessionDefaults.ACQUIRE_TIMEOUT;

		private LaneMode laneMode = ResponsesSessionDefaults.LANE_MODE;

		private int maxTurnsPerConnection = ResponsesSessionDefaults.MAX_TURNS_PER_CONNECTION;

		private Duration chainContinuation = ResponsesSessionDefaults.CHAIN_CONTINUATION;

		private Duration chainMaxDelay = ResponsesSessionDefaults.CHAIN_MAX_DELAY;

		private boolean chainMaxDelaySet;

		private Duration maxConnectionAge = ResponsesSessionDefaults.MAX_CONNECTION_AGE;

		private int maxFrameSize = ResponsesSessionDefaults.MAX_FRAME_SIZE;

		private boolean compression = ResponsesSessionDefaults.COMPRESSION;

		private Duration connectTimeout = ResponsesSessionDefaults.CONNECT_TIMEOUT;

		private Duration idleTimeout = ResponsesSessionDefaults.IDLE_TIMEOUT;

		private Duration pingInterval = ResponsesSessionDefaults.PING_INTERVAL;

		private CancelPolicy cancelPolicy = ResponsesSessionDefaults.CANCEL_POLICY;

		private Duration reconnectBackoff = ResponsesSessionDefaults.RECONNECT_BACKOFF;

		private Duration maxReconnectBackoff = ResponsesSessionDefaults.MAX_RECONNECT_BACKOFF;

		private Duration closeGrace = ResponsesSessionDefaults.CLOSE_GRACE;

		private boolean allowCleartext = ResponsesSessionDefaults.ALLOW_CLEARTEXT;

		private HttpClient httpClient = HttpClient.create();

		private SessionObserver observer = SessionObserver.NONE;

		private String instanceId = UUID.randomUUID().toString();

		private Builder() {
		}

		/**
		 * Set the API base URL; the WebSocket URL is derived from it
		 * ({@code https://host/v1} becomes {@code wss://host/v1/responses}). Default
		 * {@code https://api.openai.com/v1}.
		 * @param baseUrl the base URL ({@code https}, {@code http}, {@code wss} or {@code ws})
		 * @return this builder
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = Objects.requireNonNull(baseUrl);
			return this;
		}

		/**
		 * Set the API base URL.
		 * @param baseUrl the base URL
		 * @return this builder
		 * @see #baseUrl(URI)
		 */
		public Builder baseUrl(String baseUrl) {
			try {
				return baseUrl(BaseUrls.parse(baseUrl));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("The base URL '" + baseUrl + "' is malformed: " + ex.getMessage(), ex);
			}
		}

		/**
		 * Set the API key, sent as {@code Authorization: Bearer KEY}.
		 * @param apiKey the key, or {@code null} to send none
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Send the API key in another header, as some compatible servers expect (for example
		 * {@code api-key}); the value is then the bare key.
		 * @param header the header name
		 * @return this builder
		 */
		public Builder apiKeyHeader(String header) {
			this.apiKeyHeader = checkHeader(header, "");
			return this;
		}

		/**
		 * Send {@code OpenAI-Organization}.
		 * @param organization the organization id
		 * @return this builder
		 */
		public Builder organization(String organization) {
			return header("OpenAI-Organization", organization);
		}

		/**
		 * Send {@code OpenAI-Project}.
		 * @param project the project id
		 * @return this builder
		 */
		public Builder project(String project) {
			return header("OpenAI-Project", project);
		}

		/**
		 * Add a header to every upgrade and HTTP request, for example
		 * {@code OpenAI-Beta: responses_websockets=2026-02-06}.
		 * @param name the header name
		 * @param value the value; must not contain CR or LF
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(checkHeader(name, value), value);
			return this;
		}

		/**
		 * Choose the transport. Default {@link TransportMode#WEBSOCKET}.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(TransportMode transport) {
			this.transport = Objects.requireNonNull(transport);
			return this;
		}

		/**
		 * Set whether a 426 on the upgrade switches the session to HTTP. Default {@code true}.
		 * @param fallbackToHttp whether to fall back
		 * @return this builder
		 */
		public Builder fallbackToHttp(boolean fallbackToHttp) {
			this.fallbackToHttp = fallbackToHttp;
			return this;
		}

		/**
		 * Set the pool size. Defaults: 0 and 8. A conversation keeps its chain while the
		 * connection that holds it has room for its next turn: with lanes a connection holds up
		 * to the turns per connection of {@link #lanes(LaneMode, int)}, without lanes one; see
		 * {@link ResponsesSessionDefaults} for how to size the pool.
		 * @param min the connections {@link ResponsesSession#connect()} opens
		 * @param max the most connections open at once
		 * @return this builder
		 */
		public Builder connections(int min, int max) {
			if (min < 0 || max < 1 || min > max) {
				throw new IllegalArgumentException("Need 0 <= min <= max and max >= 1, got min " + min + ", max " + max);
			}
			this.minConnections = min;
			this.maxConnections = max;
			return this;
		}

		/**
		 * Set how many turns may wait for a busy connection to free up, and how long. Defaults:
		 * 256 and 30 seconds. Opening a connection has its own limit, the
		 * {@link #connectTimeout(Duration) connect timeout}.
		 * @param maxQueued the queue size
		 * @param acquireTimeout the longest wait
		 * @return this builder
		 */
		public Builder queue(int maxQueued, Duration acquireTimeout) {
			if (maxQueued < 0) {
				throw new IllegalArgumentException("maxQueued must not be negative");
			}
			this.maxQueued = maxQueued;
			this.acquireTimeout = positive(acquireTimeout, "acquireTimeout");
			return this;
		}

		/**
		 * Choose whether to run several turns per connection on {@code stream_id} lanes. Each
		 * new chain gets a lane of its own, and a connection takes new chains while it holds
		 * fewer than {@code maxTurnsPerConnection} of them, so each of its chains can run its
		 * next turn at once. Defaults: {@link LaneMode#AUTO}, lanes until the server refuses
		 * them, and 16.
		 * @param mode the lane mode
		 * @param maxTurnsPerConnection turns in flight, and chains held, per connection with
		 * lanes, at most 16 (the most a server runs at once on one connection)
		 * @return this builder
		 */
		public Builder lanes(LaneMode mode, int maxTurnsPerConnection) {
			if (maxTurnsPerConnection < 1 || maxTurnsPerConnection > 16) {
				throw new IllegalArgumentException("maxTurnsPerConnection must be between 1 and 16");
			}
			this.laneMode = Objects.requireNonNull(mode);
			this.maxTurnsPerConnection = maxTurnsPerConnection;
			return this;
		}

		/**
		 * Use lanes always or never: {@code lanes(true, n)} is
		 * {@code lanes(LaneMode.ON, n)}, {@code lanes(false, n)} is
		 * {@code lanes(LaneMode.OFF, n)}.
		 * @param lanes whether to use lanes
		 * @param maxTurnsPerConnection turns in flight, and chains held, per connection with
		 * lanes, at most 16
		 * @return this builder
		 * @see #lanes(LaneMode, int)
		 */
		public Builder lanes(boolean lanes, int maxTurnsPerConnection) {
			return lanes(lanes ? LaneMode.ON : LaneMode.OFF, maxTurnsPerConnection);
		}

		/**
		 * Set how the pool keeps a chain on its connection between two of its turns, when its
		 * place (a connection without lanes, a lane with them) is wanted by another turn and no
		 * other room is left. A chain whose last turn ended less than {@code window} ago keeps
		 * it: the other turn waits for room, for the window to pass, or at most {@code maxDelay},
		 * after which it takes the place of the chain used least recently. A continuation whose
		 * connection already runs its most turns with lanes waits for that connection, at most
		 * {@code maxDelay} too, instead of moving and replaying its transcript. Nothing is kept
		 * before the session's first turn with {@code previous_response_id}. Defaults: 500
		 * milliseconds and 5 seconds (half the acquire timeout when that is 5 seconds or less);
		 * a window of zero keeps nothing.
		 * @param window how long after its turn a chain keeps its place
		 * @param maxDelay the longest any turn waits because of it, less than the acquire
		 * timeout of {@link #queue(int, Duration)}
		 * @return this builder
		 */
		public Builder chainContinuation(Duration window, Duration maxDelay) {
			chainContinuation(window);
			this.chainMaxDelay = positive(maxDelay, "maxDelay");
			this.chainMaxDelaySet = true;
			return this;
		}

		/**
		 * Set how long after its turn a chain keeps its place, with the default maximum delay.
		 * @param window how long after its turn a chain keeps its place; zero keeps nothing
		 * @return this builder
		 * @see #chainContinuation(Duration, Duration)
		 */
		public Builder chainContinuation(Duration window) {
			if (Objects.requireNonNull(window, "window").isNegative()) {
				throw new IllegalArgumentException("window must not be negative");
			}
			this.chainContinuation = window;
			return this;
		}

		/**
		 * Retire connections older than this: an idle one is closed (status 1000) as soon as it
		 * reaches the age, a busy one when its running turns end; either way its slot goes to a
		 * new connection. Default 55 minutes (the server's limit is 60).
		 * @param maxConnectionAge the age
		 * @return this builder
		 */
		public Builder maxConnectionAge(Duration maxConnectionAge) {
			this.maxConnectionAge = positive(maxConnectionAge, "maxConnectionAge");
			return this;
		}

		/**
		 * Set the largest frame (or SSE event) accepted. Default 16 MiB.
		 * @param bytes the size
		 * @return this builder
		 */
		public Builder maxFrameSize(int bytes) {
			if (bytes < 1024) {
				throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes");
			}
			this.maxFrameSize = bytes;
			return this;
		}

		/**
		 * Set whether to offer permessage-deflate. Default {@code true}.
		 * @param compression whether to compress
		 * @return this builder
		 */
		public Builder compression(boolean compression) {
			this.compression = compression;
			return this;
		}

		/**
		 * Set the connect timeout: the limit for opening a connection (TCP connect plus upgrade),
		 * retries of a failed connect included. A turn that needs a new connection fails after at
		 * most this long when connects fail. Default 10 seconds.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Set the per-turn idle timeout: the longest wait for the next event while the
		 * subscriber asks for one. Default 5 minutes (reasoning can take long before output).
		 * @param idleTimeout the timeout
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = positive(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Set the keep-alive ping interval. Default 30 seconds; zero for none.
		 * @param pingInterval the interval
		 * @return this builder
		 */
		public Builder pingInterval(Duration pingInterval) {
			if (pingInterval.isNegative()) {
				throw new IllegalArgumentException("pingInterval must not be negative");
			}
			this.pingInterval = pingInterval;
			return this;
		}

		/**
		 * Set what happens to a connection when a running turn is cancelled. Default
		 * {@link CancelPolicy#DRAIN}.
		 * @param cancelPolicy the policy
		 * @return this builder
		 */
		public Builder cancelPolicy(CancelPolicy cancelPolicy) {
			this.cancelPolicy = Objects.requireNonNull(cancelPolicy);
			return this;
		}

		/**
		 * Set the reconnect back-off. A failed connect opens a window of the back-off, doubled
		 * for each consecutive failed connect up to the maximum, less up to half of it for jitter;
		 * a connect that succeeds resets it. A turn that needs a new connection inside the window
		 * fails at once with {@link dev.responsesws.client.error.ConnectBackoffException}, the
		 * last failure as its cause, without extending the window; the first turn after it tries
		 * to connect again, so a key fixed on the server or a network that comes back is picked
		 * up within one maximum back-off whatever the traffic. Defaults: 200 ms and 30 seconds.
		 * @param initial the first delay
		 * @param max the largest delay
		 * @return this builder
		 */
		public Builder reconnectBackoff(Duration initial, Duration max) {
			this.reconnectBackoff = positive(initial, "initial");
			this.maxReconnectBackoff = positive(max, "max");
			return this;
		}

		/**
		 * Set the grace period of {@link ResponsesSession#close()}. Default 30 seconds.
		 * @param closeGrace the grace period
		 * @return this builder
		 */
		public Builder closeGrace(Duration closeGrace) {
			if (closeGrace.isNegative()) {
				throw new IllegalArgumentException("closeGrace must not be negative");
			}
			this.closeGrace = closeGrace;
			return this;
		}

		/**
		 * Allow {@code ws://} and {@code http://} to hosts other than the loopback address,
		 * which sends the API key in clear text. Default {@code false}.
		 * @param allowCleartext whether to allow it
		 * @return this builder
		 */
		public Builder allowCleartext(boolean allowCleartext) {
			this.allowCleartext = allowCleartext;
			return this;
		}

		/**
		 * Set the Reactor Netty client to connect with (proxy, TLS, resources, wire logging).
		 * @param httpClient the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = Objects.requireNonNull(httpClient);
			return this;
		}

		/**
		 * Customize the Reactor Netty client.
		 * @param customizer applied to the current client
		 * @return this builder
		 */
		public Builder httpClient(UnaryOperator<HttpClient> customizer) {
			this.httpClient = Objects.requireNonNull(customizer.apply(this.httpClient));
			return this;
		}

		/**
		 * Set the observer told about turns and connections, for metrics and tracing.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(SessionObserver observer) {
			this.observer = Objects.requireNonNull(observer);
			return this;
		}

		/**
		 * Name this session among the instances of an application that share conversations
		 * through a {@link dev.responsesws.client.conversation.ConversationStore}. Each session
		 * needs its own: two sessions with the same id would each take the other's chains for
		 * their own.
		 * @param instanceId the id; a random UUID by default
		 * @return this builder
		 */
		public Builder instanceId(String instanceId) {
			if (instanceId.isBlank()) {
				throw new IllegalArgumentException("The instance id must not be blank");
			}
			this.instanceId = instanceId;
			return this;
		}

		/**
		 * Build the session. No connection is opened until {@link ResponsesSession#connect()} or
		 * the first turn.
		 * @return the session
		 * @throws IllegalArgumentException if the base URL is not usable
		 */
		public ResponsesSession build() {
			return new ResponsesSession(config(), this.instanceId);
		}

		/**
		 * Check the settings and return them, without creating a session.
		 * @return the settings
		 * @throws IllegalArgumentException if the base URL is not usable
		 */
		SessionConfig config() {
			try {
				BaseUrls.check(this.baseUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("The base URL '" + this.baseUrl + "' is not usable: " + ex.getMessage()
						+ ", like https://api.openai.com/v1", ex);
			}
			if (!this.allowCleartext && BaseUrls.isCleartextToRemoteHost(this.baseUrl)) {
				throw new IllegalArgumentException("The base URL '" + this.baseUrl
						+ "' is not encrypted and not on this machine: the API key would travel in clear text; "
						+ "use https or allow clear text explicitly");
			}
			Duration chainMaxDelay = this.chainMaxDelay;
			if (chainMaxDelay.compareTo(this.acquireTimeout) >= 0) {
				if (this.chainMaxDelaySet) {
					throw new IllegalArgumentException("The chain continuation's maximum delay (" + chainMaxDelay
							+ ") must be less than the acquire timeout (" + this.acquireTimeout + ")");
				}
				chainMaxDelay = this.acquireTimeout.dividedBy(2);
			}
			Map<String, String> allHeaders = new LinkedHashMap<>(this.headers);
			if (this.apiKey != null) {
				checkHeader(this.apiKeyHeader, this.apiKey);
				allHeaders.put(this.apiKeyHeader,
						this.apiKeyHeader.equalsIgnoreCase("Authorization") ? "Bearer " + this.apiKey : this.apiKey);
			}
			return new SessionConfig(this.baseUrl, allHeaders, this.transport, this.fallbackToHttp, this.minConnections,
					this.maxConnections, this.maxQueued, this.acquireTimeout, this.laneMode, this.maxTurnsPerConnection,
					this.chainContinuation, chainMaxDelay, this.maxConnectionAge, this.maxFrameSize, this.compression, this.connectTimeout, this.idleTimeout,
					this.pingInterval, this.cancelPolicy, this.reconnectBackoff, this.maxReconnectBackoff, this.closeGrace,
					this.httpClient, GuardedObserver.of(this.observer));
		}

		private static String checkHeader(String name, String value) {
			if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
				throw new IllegalArgumentException("'" + name + "' is not a valid header name");
			}
			if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
				throw new IllegalArgumentException("The value of header '" + name + "' contains CR or LF");
			}
			return name;
		}

		private static Duration positive(Duration duration, String name) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

	}

}
