package dev.responsesws.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.LoopResources;

/**
 * An in-process simulator of the OpenAI Responses API, speaking both the WebSocket mode
 * ({@code GET /v1/responses} upgrade, {@code response.create} messages) and HTTP
 * ({@code POST /v1/responses}, server-sent events with {@code "stream":true}), on a real
 * loopback socket.
 *
 * <p>It follows the protocol's rules: one response at a time on the default lane, concurrent
 * named lanes ({@code stream_id}, at most 16 in flight and 32 lanes per connection), requests
 * answered in order (an error without the lane id, such as the refusal of an invalid request,
 * only after every earlier request of the connection got its {@code response.created}), the
 * connection-local cache of each lane's last response ({@code previous_response_not_found} on a
 * miss with {@code store:false}, a reload from the server-wide store with {@code store:true}),
 * {@code generate:false} warm-ups, the connection age limit, API key checks and refused
 * upgrades. It reads every request on its own, as the API does, and refuses what the API refuses
 * with the API's errors: unknown parameters (unless {@link Builder#strict(boolean) lenient}),
 * values of the wrong type, a missing {@code model}, a {@code function_call_output} whose call
 * is neither in the chain nor in the same input. What it answers comes from {@link #enqueue(OutputPlan) enqueued} plans first, then
 * from the {@link Responder} (by default {@link Responders#defaultAgent()}). Every received
 * message is recorded for assertions, and so is how each WebSocket connection ended (the close
 * code the client sent, or 1006 for none).
 *
 * <pre>{@code
 * try (MockResponsesServer server = MockResponsesServer.builder().apiKey("sk-test").start()) {
 *     server.enqueue(OutputPlan.text("Hello"));
 *     // point the client at server.webSocketUrl() or server.httpBaseUrl()
 *     RecordedFrame frame = server.takeFrame(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Usage reports {@code input_tokens} as the tokens the server had to process (the whole
 * context on a cache miss, only the new items on a hit, plus instructions and tools, which are
 * never inherited), with the tokens served from the connection's cache in
 * {@code input_tokens_details.cached_tokens}. Tokens are counted as one per four characters of
 * JSON. The simulated prefill cost delays the first output item by
 * {@code prefillPerToken x processed tokens}.
 */
public final class MockResponsesServer implements AutoCloseable {

	/** The path of both endpoints. */
	public static final String PATH = "/v1/responses";

	/** The path of the model list, answered for cheap reachability checks. */
	public static final String MODELS_PATH = "/v1/models";

	private static final int MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;

	private final SimulatorSettings settings;

	private final SimulatorSettings initialSettings;

	private final ResponseStore store = new ResponseStore();

	private final PlanQueue plans = new PlanQueue();

	private final IdGenerator ids = new IdGenerator();

	private final TurnPlanner planner;

	private final HttpTurnHandler http;

	private final BlockingQueue<RecordedFrame> frameQueue = new LinkedBlockingQueue<>();

	private final List<RecordedFrame> frames = new ArrayList<>();

	private final BlockingQueue<RecordedClose> closeQueue = new LinkedBlockingQueue<>();

	private final List<RecordedClose> closes = new ArrayList<>();

	private final Set<SimulatedConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger acceptedConnections = new AtomicInteger();

	private final AtomicInteger connectionIds = new AtomicInteger();

	private final AtomicInteger upgradeAttempts = new AtomicInteger();

	private final LongAdder bytesWritten = new LongAdder();

	private final LoopResources loops;

	private final DisposableServer server;

	private final boolean secure;

	private MockResponsesServer(Builder builder) {
		this.settings = builder.settings;
		this.initialSettings = builder.settings.copy();
		this.planner = new TurnPlanner(this.settings, this.store, this.ids, this.plans);
		this.http = new HttpTurnHandler(this.settings, this.planner, this::record);
		this.loops = LoopResources.create("mock-responses", 1, Math.max(2, builder.threads), true, false);
		SslContext tls = builder.tls;
		this.secure = tls != null;
		HttpServer server = HttpServer.create()
			.host(builder.host)
			.port(builder.port)
			.runOn(this.loops)
			.doOnChannelInit((observer, channel, address) -> channel.pipeline()
				.addFirst(WrittenBytesCounter.NAME, new WrittenBytesCounter(this.bytesWritten)));
		if (builder.sendBufferSize > 0) {
			server = server.childOption(ChannelOption.SO_SNDBUF, builder.sendBufferSize);
		}
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(tls));
		}
		this.server = server.handle(this::dispatch).bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Create a builder.
	 * @return a builder with the defaults: a random port, any API key accepted, tokens as fast
	 * as the client reads, no prefill cost, a 60-minute connection age limit, lanes on, strict
	 * request validation, the
	 * default agent responder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start a simulator with the defaults on a random port.
	 * @return the running simulator
	 */
	public static MockResponsesServer start() {
		return builder().start();
	}

	/**
	 * Return the port the simulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Return the WebSocket URL, for example {@code ws://127.0.0.1:54321/v1/responses}, or
	 * {@code wss://...} when the simulator serves TLS.
	 * @return the URL
	 */
	public URI webSocketUrl() {
		return URI.create((this.secure ? "wss://" : "ws://") + this.server.host() + ":" + port() + PATH);
	}

	/**
	 * Return the HTTP base URL, for example {@code http://127.0.0.1:54321/v1}, the form client
	 * configuration takes; {@code https://...} when the simulator serves TLS.
	 * @return the URL
	 */
	public URI httpBaseUrl() {
		return URI.create((this.secure ? "https://" : "http://") + this.server.host() + ":" + port() + "/v1");
	}

	/**
	 * Queue a plan: the next request is answered with it instead of asking the responder. Plans
	 * are used in the order they were queued, across connections and transports.
	 * @param plan the plan
	 * @return this simulator
	 */
	public MockResponsesServer enqueue(OutputPlan plan) {
		this.plans.add(Objects.requireNonNull(plan));
		return this;
	}

	/**
	 * Set the responder asked for every request no queued plan answers.
	 * @param responder the responder
	 * @return this simulator
	 */
	public MockResponsesServer responder(Responder responder) {
		this.settings.responder = Objects.requireNonNull(responder);
		return this;
	}

	/**
	 * Set the API key every upgrade and HTTP request must present as {@code Bearer} token;
	 * others get 401. Connections already open are not affected.
	 * @param apiKey the key, or {@code null} to accept any
	 * @return this simulator
	 */
	public MockResponsesServer apiKey(@Nullable String apiKey) {
		this.settings.apiKey = apiKey;
		return this;
	}

	/**
	 * Refuse WebSocket upgrades with the given status, for example 426 (a server without
	 * WebSocket mode), 403 or 429. HTTP requests are not affected.
	 * @param status the HTTP status
	 * @return this simulator
	 */
	public MockResponsesServer rejectUpgrades(int status) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be a 4xx or 5xx code");
		}
		this.settings.upgradeRejectionStatus = status;
		return this;
	}

	/**
	 * Accept WebSocket upgrades again after {@link #rejectUpgrades(int)}.
	 * @return this simulator
	 */
	public MockResponsesServer acceptUpgrades() {
		this.settings.upgradeRejectionStatus = 0;
		return this;
	}

	/**
	 * Set the rate at which output tokens are streamed.
	 * @param tokensPerSecond the rate, 0 for as fast as the client reads
	 * @return this simulator
	 */
	public MockResponsesServer tokenRate(double tokensPerSecond) {
		this.settings.tokenRate = Builder.checkRate(tokensPerSecond);
		return this;
	}

	/**
	 * Set the simulated prefill cost: the delay before the first output item per input token the
	 * server has to process.
	 * @param perToken the delay per token, zero for none
	 * @return this simulator
	 */
	public MockResponsesServer prefillPerToken(Duration perToken) {
		this.settings.prefillPerToken = Builder.checkNotNegative(perToken);
		return this;
	}

	/**
	 * Set the connection age limit: a request on a connection older than this is refused with
	 * {@code websocket_connection_limit_reached}. Applies to open connections too.
	 * @param maxAge the limit
	 * @return this simulator
	 */
	public MockResponsesServer maxConnectionAge(Duration maxAge) {
		this.settings.maxConnectionAge = Builder.checkNotNegative(maxAge);
		return this;
	}

	/**
	 * Set whether {@code stream_id} lanes are supported; without them a request with a
	 * {@code stream_id} is refused, as by a server from before lanes existed.
	 * @param lanes whether lanes are supported
	 * @return this simulator
	 */
	public MockResponsesServer lanes(boolean lanes) {
		this.settings.lanes = lanes;
		return this;
	}

	/**
	 * Set whether requests are validated strictly, as the API does: a top-level parameter the
	 * API does not know on that transport is refused with {@code unknown_parameter}. Lenient
	 * validation ignores unknown parameters; it still refuses malformed JSON, values of the wrong
	 * type, a missing {@code model} and function call outputs without their call.
	 * @param strict whether unknown parameters are refused (the default)
	 * @return this simulator
	 */
	public MockResponsesServer strict(boolean strict) {
		this.settings.strict = strict;
		return this;
	}

	/**
	 * Wait for the next received message.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none arrived in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable RecordedFrame takeFrame(Duration timeout) throws InterruptedException {
		return this.frameQueue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Return every message received so far, in order; {@link #takeFrame(Duration)} does not
	 * remove messages from this list.
	 * @return a snapshot
	 */
	public List<RecordedFrame> recordedFrames() {
		synchronized (this.frames) {
			return List.copyOf(this.frames);
		}
	}

	/**
	 * Return the valid requests received so far, in order.
	 * @return a snapshot
	 */
	public List<RecordedFrame> recordedRequests() {
		return recordedFrames().stream().filter((frame) -> frame.request() != null).toList();
	}

	/**
	 * Wait for the next WebSocket connection to end.
	 * @param timeout how long to wait
	 * @return how it ended, or {@code null} if none ended in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public @Nullable RecordedClose takeClose(Duration timeout) throws InterruptedException {
		return this.closeQueue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Return how each WebSocket connection that ended so far ended, in the order they ended;
	 * {@link #takeClose(Duration)} does not remove them from this list.
	 * @return a snapshot
	 */
	public List<RecordedClose> recordedCloses() {
		synchronized (this.closes) {
			return List.copyOf(this.closes);
		}
	}

	/**
	 * Return the number of WebSocket connections open now.
	 * @return the count
	 */
	public int openConnections() {
		return this.connections.size();
	}

	/**
	 * Return the number of WebSocket connections accepted since start or the last
	 * {@link #reset()}.
	 * @return the count
	 */
	public int acceptedConnections() {
		return this.acceptedConnections.get();
	}

	/**
	 * Return the number of WebSocket upgrade requests received since start or the last
	 * {@link #reset()}, refused ones included.
	 * @return the count
	 */
	public int upgradeAttempts() {
		return this.upgradeAttempts.get();
	}

	/**
	 * Return the bytes the server's sockets accepted since start or the last {@link #reset()},
	 * over both transports, headers and framing included. A write counts once the operating system
	 * took it, so a client that stops reading stops the count once the socket buffers between the
	 * two are full: what a backpressure test measures.
	 * @return the count
	 */
	public long bytesWritten() {
		return this.bytesWritten.sum();
	}

	/**
	 * Forget the in-memory state of every open connection, as if the server had evicted it; the
	 * store is kept.
	 */
	public void evictCaches() {
		this.connections.forEach(SimulatedConnection::evictCaches);
	}

	/**
	 * Put every open WebSocket connection past the {@link #maxConnectionAge(Duration) connection
	 * age limit}, as if it had been open for longer than the limit: its next requests are refused
	 * with {@code websocket_connection_limit_reached}. Responses already running go on, and
	 * connections opened later are young, so a test can check how a client rotates connections
	 * without waiting for a real age limit to pass.
	 */
	public void expireConnections() {
		this.connections.forEach(SimulatedConnection::expire);
	}

	/**
	 * Drop every open WebSocket connection without a close frame.
	 */
	public void disconnectAll() {
		this.connections.forEach(SimulatedConnection::disconnect);
	}

	/**
	 * Close every open WebSocket connection with a close frame.
	 * @param code the close status code
	 * @param reason the reason
	 */
	public void closeAll(int code, String reason) {
		this.connections.forEach((connection) -> connection.close(code, reason));
	}

	/**
	 * Restore the settings the simulator was built with and drop queued plans, recorded
	 * messages and closes, and stored responses. Open connections stay open (a client shared by several
	 * tests keeps its pool); the connection counters restart from zero. Used between tests.
	 */
	public void reset() {
		this.settings.restore(this.initialSettings);
		this.plans.clear();
		this.store.clear();
		this.frameQueue.clear();
		synchronized (this.frames) {
			this.frames.clear();
		}
		this.closeQueue.clear();
		synchronized (this.closes) {
			this.closes.clear();
		}
		this.acceptedConnections.set(0);
		this.upgradeAttempts.set(0);
		this.bytesWritten.reset();
		this.planner.resetServerTime();
	}

	/**
	 * Return the simulator's own time on the responses it finished since start or the last
	 * {@link #reset()}, summed: for each, from planning the request to producing its terminal
	 * event, the simulated prefill cost included. Benchmarks add the network's round trips to
	 * it to get the fastest a client could possibly be.
	 * @return the summed server time
	 */
	public Duration serverTime() {
		return this.planner.serverTime();
	}

	/**
	 * Stop the simulator and close every connection.
	 */
	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
	}

	private void record(RecordedFrame frame) {
		synchronized (this.frames) {
			this.frames.add(frame);
		}
		this.frameQueue.add(frame);
	}

	private void recordClose(RecordedClose close) {
		synchronized (this.closes) {
			this.closes.add(close);
		}
		this.closeQueue.add(close);
	}

	private Mono<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
		String path = request.path().isEmpty() ? "/" : "/" + request.path();
		if (MODELS_PATH.equals(path) && request.method() == HttpMethod.GET) {
			if (!authorized(request)) {
				return HttpTurnHandler.sendError(response, new OutputPlan.ErrorReply(401, "invalid_request_error",
						"invalid_api_key", "Incorrect API key provided."), null);
			}
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just("{\"object\":\"list\",\"data\":[{\"id\":\"simulated-model\",\"object\":\"model\"}]}"))
				.then();
		}
		if (!PATH.equals(path)) {
			return HttpTurnHandler.sendError(response,
					new OutputPlan.ErrorReply(404, "invalid_request_error", null, "Unknown path: " + path), null);
		}
		boolean upgrade = "websocket".equalsIgnoreCase(request.requestHeaders().get(HttpHeaderNames.UPGRADE));
		if (upgrade) {
			this.upgradeAttempts.incrementAndGet();
		}
		if (!authorized(request)) {
			return HttpTurnHandler.sendError(response, new OutputPlan.ErrorReply(401, "invalid_request_error",
					"invalid_api_key", "Incorrect API key provided."), null);
		}
		if (request.method() == HttpMethod.GET && upgrade) {
			int rejection = this.settings.upgradeRejectionStatus;
			if (rejection != 0) {
				return HttpTurnHandler.sendError(response, new OutputPlan.ErrorReply(rejection,
						"invalid_request_error", "websocket_not_available", "WebSocket mode is not available."), null);
			}
			return response.sendWebsocket(this::webSocket, WebsocketServerSpec.builder()
				.maxFramePayloadLength(MAX_FRAME_PAYLOAD)
				.compress(true)
				.build());
		}
		if (request.method() == HttpMethod.POST) {
			return this.http.handle(request, response);
		}
		return HttpTurnHandler.sendError(response,
				new OutputPlan.ErrorReply(405, "invalid_request_error", null, "Use POST, or GET with a WebSocket upgrade."),
				null);
	}

	private boolean authorized(HttpServerRequest request) {
		String expected = this.settings.apiKey;
		return expected == null
				|| ("Bearer " + expected).equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
	}

	private Mono<Void> webSocket(WebsocketInbound inbound, WebsocketOutbound outbound) {
		SimulatedConnection[] holder = new SimulatedConnection[1];
		inbound.withConnection((connection) -> {
			String id = "ws-" + this.connectionIds.incrementAndGet();
			holder[0] = new SimulatedConnection(id, this.settings, this.planner, this::record, connection.channel());
			CloseFrameRecorder closeRecorder = new CloseFrameRecorder(id);
			connection.addHandlerLast("responses-ws-close-recorder", closeRecorder);
			connection.onDispose(() -> recordClose(closeRecorder.recorded()));
		});
		SimulatedConnection connection = holder[0];
		this.acceptedConnections.incrementAndGet();
		this.connections.add(connection);
		Mono<Void> received = inbound.aggregateFrames(MAX_FRAME_PAYLOAD)
			.receiveFrames()
			.ofType(TextWebSocketFrame.class)
			.doOnNext((frame) -> connection.receive(frame.text()))
			.then()
			.doFinally((signal) -> connection.inboundClosed());
		Mono<Void> sent = outbound.sendObject(connection.outboundFrames()).then();
		return Mono.when(received, sent).doFinally((signal) -> this.connections.remove(connection));
	}

	/**
	 * Builds and starts a {@link MockResponsesServer}.
	 */
	public static final class Builder {

		private final SimulatorSettings settings = new SimulatorSettings();

		private String host = "127.0.0.1";

		private int port;

		private int threads = 2;

		private int sendBufferSize;

		private @Nullable SslContext tls;

		private Builder() {
		}

		/**
		 * Serve TLS ({@code https} and {@code wss}) with this server context, for example one
		 * built with {@code SslContextBuilder.forServer(keyManagerFactory)}. The default is
		 * plain text.
		 * @param serverContext the server TLS context
		 * @return this builder
		 */
		public Builder tls(SslContext serverContext) {
			if (!Objects.requireNonNull(serverContext).isServer()) {
				throw new IllegalArgumentException("tls needs a server context, not a client one");
			}
			this.tls = serverContext;
			return this;
		}

		/**
		 * Set the port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535");
			}
			this.port = port;
			return this;
		}

		/**
		 * Set the address to bind; the default is {@code 127.0.0.1}.
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host);
			return this;
		}

		/**
		 * Set the number of event loop threads; the default is 2.
		 * @param threads the number of threads
		 * @return this builder
		 */
		public Builder threads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("threads must be positive");
			}
			this.threads = threads;
			return this;
		}

		/**
		 * Set the socket send buffer of each connection ({@code SO_SNDBUF}), so that a client
		 * that stops reading stops the server sooner; the default lets the operating system size
		 * it (several MiB on Linux).
		 * @param bytes the size asked for; the operating system may round it (Linux doubles it)
		 * @return this builder
		 */
		public Builder sendBufferSize(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("sendBufferSize must be positive");
			}
			this.sendBufferSize = bytes;
			return this;
		}

		/**
		 * Require this API key.
		 * @param apiKey the key, or {@code null} to accept any
		 * @return this builder
		 * @see MockResponsesServer#apiKey(String)
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.settings.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the token rate.
		 * @param tokensPerSecond the rate, 0 for as fast as the client reads
		 * @return this builder
		 * @see MockResponsesServer#tokenRate(double)
		 */
		public Builder tokenRate(double tokensPerSecond) {
			this.settings.tokenRate = checkRate(tokensPerSecond);
			return this;
		}

		/**
		 * Set the prefill cost per processed input token.
		 * @param perToken the delay per token
		 * @return this builder
		 * @see MockResponsesServer#prefillPerToken(Duration)
		 */
		public Builder prefillPerToken(Duration perToken) {
			this.settings.prefillPerToken = checkNotNegative(perToken);
			return this;
		}

		/**
		 * Set the connection age limit.
		 * @param maxAge the limit
		 * @return this builder
		 * @see MockResponsesServer#maxConnectionAge(Duration)
		 */
		public Builder maxConnectionAge(Duration maxAge) {
			this.settings.maxConnectionAge = checkNotNegative(maxAge);
			return this;
		}

		/**
		 * Set whether lanes are supported.
		 * @param lanes whether lanes are supported
		 * @return this builder
		 * @see MockResponsesServer#lanes(boolean)
		 */
		public Builder lanes(boolean lanes) {
			this.settings.lanes = lanes;
			return this;
		}

		/**
		 * Set whether unknown request parameters are refused; the default is {@code true}.
		 * @param strict whether unknown parameters are refused
		 * @return this builder
		 * @see MockResponsesServer#strict(boolean)
		 */
		public Builder strict(boolean strict) {
			this.settings.strict = strict;
			return this;
		}

		/**
		 * Set the responder.
		 * @param responder the responder
		 * @return this builder
		 * @see MockResponsesServer#responder(Responder)
		 */
		public Builder responder(Responder responder) {
			this.settings.responder = Objects.requireNonNull(responder);
			return this;
		}

		/**
		 * Start the simulator.
		 * @return the running simulator
		 */
		public MockResponsesServer start() {
			return new MockResponsesServer(this);
		}

		static double checkRate(double tokensPerSecond) {
			if (tokensPerSecond < 0 || Double.isNaN(tokensPerSecond)) {
				throw new IllegalArgumentException("tokensPerSecond must not be negative");
			}
			return tokensPerSecond;
		}

		static Duration checkNotNegative(Duration duration) {
			if (duration.isNegative()) {
				throw new IllegalArgumentException("duration must not be negative");
			}
			return duration;
		}

	}

}
