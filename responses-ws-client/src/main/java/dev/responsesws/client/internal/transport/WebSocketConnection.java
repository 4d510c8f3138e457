package dev.responsesws.client.internal.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.internal.request.CreateResponseCodec;
import dev.responsesws.client.request.CreateResponse;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One WebSocket connection to the Responses API.
 *
 * <p>{@link #send(CreateResponse)} returns a cold {@code Flux} per turn: the request is written
 * when it is subscribed, and the turn's events arrive only on demand (see {@link TurnRouter}).
 * The flux completes after {@code response.completed}, {@code response.failed},
 * {@code response.incomplete} or {@code response.done}, and fails with
 * {@link dev.responsesws.client.error.ResponsesApiException} for an {@code error} frame,
 * {@link ConnectionClosedException} when the connection ends first,
 * {@link ResponsesTimeoutException} when no event comes for the idle timeout while the
 * subscriber waits, or {@link dev.responsesws.client.error.ProtocolDecodingException} for a
 * frame that is not a valid event. Several turns may be sent at once: on the default lane the
 * server runs them one after the other; with {@code stream_id} lanes they run concurrently. An
 * {@code error} frame fails the one turn it belongs to, the others go on (see
 * {@link TurnRouter} for how it is attributed).
 *
 * <p>Thread-safe. Events are delivered on the connection's event loop.
 */
public final class WebSocketConnection {

	private static final CreateResponseCodec CODEC = new CreateResponseCodec();

	/** How long the close frame may take to be written before the TCP connection is cut. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final String id;

	private final ConnectionSettings settings;

	private final Channel channel;

	/** The channel's event loop, which the channel forgets once it is closed and deregistered. */
	private final EventLoop eventLoop;

	private final WebsocketOutbound outbound;

	private final Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final TurnRouter router;

	private final Instant openedAt = Instant.now();

	/** When the connection opened, on {@link SchedulerClock}, for its age. */
	private final long openedAtMillis = SchedulerClock.now(TimeUnit.MILLISECONDS);

	private final Sinks.Empty<Void> closedSink = Sinks.empty();

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicLong eventsReceived = new AtomicLong();

	private final ConnectionListener listener;

	private volatile @Nullable WebSocketCloseStatus closeStatus;

	private volatile boolean closing;

	private volatile @Nullable String tooLarge;

	private volatile @Nullable ResponsesException turnError;

	private volatile boolean closed;

	private volatile long lastWriteNanos = System.nanoTime();

	private @Nullable ScheduledFuture<?> pinger;

	private WebSocketConnection(String id, ConnectionSettings settings, Channel channel, WebsocketOutbound outbound,
			ConnectionListener listener) {
		this.id = id;
		this.settings = settings;
		this.channel = channel;
		this.eventLoop = channel.eventLoop();
		this.outbound = outbound;
		this.listener = listener;
		this.router = new TurnRouter(this.eventLoop, ReadGate.of(channel), settings.idleTimeout(), settings.maxFrameSize(),
				new RouterListener());
	}

	/**
	 * Open a connection.
	 * @param client the Reactor Netty client to connect with (its customizations apply)
	 * @param settings the connection settings
	 * @param id a name for the connection, used in errors and metrics
	 * @param listener told about events, finished turns and the end of the connection
	 * @return a {@code Mono} of the open connection; it fails with
	 * {@link HandshakeRejectedException} for a refused upgrade, {@link ResponsesTimeoutException}
	 * when the connect or upgrade takes longer than the connect timeout, and
	 * {@link TransportException} when the connection cannot be made
	 */
	public static Mono<WebSocketConnection> connect(HttpClient client, ConnectionSettings settings, String id,
			ConnectionListener listener) {
		Mono<WebSocketConnection> connect = Mono.create((sink) -> {
			WebSocketConnection[] opened = new WebSocketConnection[1];
			Disposable.Swap attempt = Disposables.swap();
			IntConsumer refused = (status) -> {
				HandshakeRejectedException rejection = new HandshakeRejectedException(status, settings.url().toString());
				logRefusal(rejection);
				sink.error(rejection);
				attempt.dispose();
			};
			attempt.update(client
				.doOnChannelInit((observer, channel, address) -> {
					RedactingLoggingHandler.replaceIn(channel, settings.secretValues());
					addRefusalHandler(channel, refused);
					ReadGate.addTo(channel);
				})
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
						settings.connectTimeout().toMillis()))
				.headers((headers) -> settings.headers().forEach(headers::set))
				.websocket(WebsocketClientSpec.builder()
					.maxFramePayloadLength(settings.maxFrameSize())
					.compress(settings.compression())
					.build())
				.uri(settings.url())
				.handle((in, out) -> {
					Channel[] channel = new Channel[1];
					in.withConnection((connection) -> channel[0] = connection.channel());
					WebSocketConnection connection = new WebSocketConnection(id, settings, channel[0], out, listener);
					opened[0] = connection;
					Mono<Void> done = connection.run(in);
					sink.success(connection);
					return done;
				})
				.subscribe(null, (error) -> {
					WebSocketConnection connection = opened[0];
					if (connection == null) {
						sink.error(connectFailure(error, settings));
					}
					else {
						connection.inboundEnded(error);
					}
				}));
			sink.onCancel(() -> {
				if (opened[0] == null) {
					attempt.dispose();
				}
			});
		});
		// a connection that opens after the caller cancelled (a timeout, for one) is discarded
		// by the sink: close it, or nobody ever will
		return connect.timeout(settings.connectTimeout(), Mono.error(() -> new ResponsesTimeoutException(
				"Could not open a WebSocket connection to " + settings.url(), settings.connectTimeout())))
			.doOnDiscard(WebSocketConnection.class, (late) -> late.close(1000, "connect cancelled").subscribe());
	}

	private static void addRefusalHandler(Channel channel, IntConsumer refused) {
		UpgradeRefusalHandler handler = new UpgradeRefusalHandler(refused);
		if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
			channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, UpgradeRefusalHandler.NAME, handler);
		}
		else {
			channel.pipeline().addLast(UpgradeRefusalHandler.NAME, handler);
		}
	}

	/** A refused upgrade is an answer, not a fault: one line, no stack trace. */
	private static void logRefusal(HandshakeRejectedException rejection) {
		if (rejection.status() == 426) {
			log().info(rejection.getMessage());
		}
		else {
			log().warn(rejection.getMessage());
		}
	}

	/** Looked up when needed, as the observer guard does, so a logger factory set later applies. */
	private static Logger log() {
		return Loggers.getLogger(WebSocketConnection.class);
	}

	private static ResponsesException connectFailure(Throwable error, ConnectionSettings settings) {
		if (error instanceof ResponsesException responses) {
			return responses;
		}
		if (error instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
			HandshakeRejectedException rejection = new HandshakeRejectedException(handshake.response().status().code(),
					settings.url().toString());
			logRefusal(rejection);
			return rejection;
		}
		log().debug("Could not open a WebSocket connection to " + settings.url(), error);
		return new TransportException("Could not open a WebSocket connection to " + settings.url() + ": "
				+ error.getMessage(), error);
	}

	private Mono<Void> run(WebsocketInbound in) {
		in.receiveCloseStatus().subscribe((status) -> this.closeStatus = status);
		this.outbound.sendObject(this.outgoing.asFlux()
			.doOnNext((frame) -> this.lastWriteNanos = System.nanoTime())
			.doOnDiscard(WebSocketFrame.class, ReferenceCountUtil::safeRelease))
			.then()
			.subscribe(null, this::inboundEnded);
		in.aggregateFrames(this.settings.maxFrameSize()).receiveFrames().subscribe(this.router);
		Duration ping = this.settings.pingInterval();
		if (!ping.isZero()) {
			this.pinger = this.eventLoop
				.scheduleAtFixedRate(this::pingIfIdle, ping.toMillis(), ping.toMillis(), TimeUnit.MILLISECONDS);
		}
		return this.closedSink.asMono();
	}

	private void pingIfIdle() {
		if (System.nanoTime() - this.lastWriteNanos >= this.settings.pingInterval().toNanos()) {
			write(new PingWebSocketFrame());
		}
	}

	/**
	 * Run a turn. Nothing is written until the returned flux is subscribed; it can be
	 * subscribed once.
	 * @param request the request; its {@code stream_id}, if any, selects the lane
	 * @return the turn's events
	 */
	public Flux<ResponseEvent> send(CreateResponse request) {
		String frame = CODEC.toWebSocketMessage(request);
		String lane = (request.streamId() != null) ? request.streamId() : "";
		return new Flux<>() {
			@Override
			public void subscribe(CoreSubscriber<? super ResponseEvent> actual) {
				Turn turn = new Turn(WebSocketConnection.this.router, actual, lane);
				actual.onSubscribe(turn);
				WebSocketConnection.this.router.execute(() -> {
					if (turn.cancelled) {
						return;
					}
					WebSocketConnection.this.router.register(turn);
					if (!turn.done) {
						TextWebSocketFrame text = new TextWebSocketFrame(frame);
						int bytes = text.content().readableBytes();
						WebSocketConnection.this.bytesSent.addAndGet(bytes);
						write(text);
						WebSocketConnection.this.listener.requestSent(WebSocketConnection.this, bytes);
						SentBytes.report(actual.currentContext(), bytes);
					}
				});
			}
		};
	}

	private synchronized void write(WebSocketFrame frame) {
		if (this.outgoing.tryEmitNext(frame).isFailure()) {
			ReferenceCountUtil.safeRelease(frame);
		}
	}

	/**
	 * Close the connection with status 1000; turns still running fail with
	 * {@link ConnectionClosedException}.
	 * @return a {@code Mono} that completes when the connection is closed
	 */
	public Mono<Void> close() {
		return close(1000, "");
	}

	/**
	 * Close the connection with the given status.
	 * @param code the close status code
	 * @param reason the close reason
	 * @return a {@code Mono} that completes when the connection is closed
	 */
	public Mono<Void> close(int code, String reason) {
		return close(code, reason, null);
	}

	/**
	 * Close the connection with the given status, failing the turns still running with the given
	 * error instead of {@link ConnectionClosedException}.
	 * @param code the close status code
	 * @param reason the close reason
	 * @param turnError the error of the turns still running, or {@code null} for the default
	 * @return a {@code Mono} that completes when the connection is closed
	 */
	public Mono<Void> close(int code, String reason, @Nullable ResponsesException turnError) {
		if (turnError != null) {
			this.turnError = turnError;
		}
		if (!this.closing) {
			this.closing = true;
			// Sent from the event loop: a close frame written from another thread while the
			// connection closes can be dropped without being released. Reactor Netty closes the
			// channel once the frame is written; a peer that never takes it is cut off later. A
			// channel closed in the meantime gets no frame: once it has left its event loop,
			// Netty fails the write before taking the frame, which would never be released.
			this.eventLoop.execute(() -> {
				ReadGate gate = ReadGate.of(this.channel);
				if (gate != null) {
					// the peer's close frame may wait behind frames no turn asks for any more
					gate.openForGood();
				}
				if (this.channel.isActive()) {
					this.outbound.sendClose(code, reason)
						.timeout(CLOSE_TIMEOUT)
						.onErrorResume((error) -> Mono.empty())
						.subscribe();
				}
			});
			this.eventLoop.schedule(() -> {
				if (this.channel.isOpen()) {
					this.channel.close();
				}
			}, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		return this.closedSink.asMono().timeout(CLOSE_TIMEOUT.multipliedBy(2), Mono.empty());
	}

	private void inboundEnded(@Nullable Throwable error) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ScheduledFuture<?> ping = this.pinger;
		if (ping != null) {
			ping.cancel(false);
		}
		WebSocketCloseStatus status = this.closeStatus;
		int code = (status != null) ? status.code() : ConnectionClosedException.NO_CLOSE_FRAME;
		String reason = (status != null) ? status.reasonText()
				: (error != null) ? String.valueOf(error.getMessage()) : "closed without a close frame";
		String oversized = this.tooLarge;
		if (oversized != null || isFrameTooLarge(error)) {
			code = WebSocketCloseStatus.MESSAGE_TOO_BIG.code();
			reason = (oversized != null) ? oversized
					: "a frame exceeds the maximum frame size of " + this.settings.maxFrameSize() + " bytes";
		}
		int closeCode = code;
		String closeReason = reason;
		ResponsesException imposed = this.turnError;
		// the listener first: a caller that retries as soon as its turn fails must find the
		// connection already forgotten, and its replacement counted as a reconnect
		this.router.execute(() -> this.listener.connectionClosed(this, closeCode, closeReason));
		this.router.closed((turn) -> (imposed != null) ? imposed
				: new ConnectionClosedException(closeCode, closeReason, turn.eventsReceived, turn.lastEventType, error));
		boolean ownClose = this.closing;
		this.router.execute(() -> {
			this.outgoing.tryEmitComplete();
			// Our own close ends the inbound before its close frame is written: closing the
			// channel here would drop the frame, so Reactor Netty closes it after the write.
			if (!ownClose) {
				this.channel.close();
			}
			this.closedSink.tryEmitEmpty();
		});
	}

	private static boolean isFrameTooLarge(@Nullable Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
				return true;
			}
			if (cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException corrupted
					&& corrupted.closeStatus() != null
					&& corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the connection's name.
	 * @return the name given at connect time
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return when the connection was opened.
	 * @return the instant
	 */
	public Instant openedAt() {
		return this.openedAt;
	}

	/**
	 * Return how long the connection has been open, on {@link SchedulerClock}, the clock of
	 * the pool's timers.
	 * @return the age
	 */
	public Duration age() {
		return Duration.ofMillis(Math.max(0, SchedulerClock.now(TimeUnit.MILLISECONDS) - this.openedAtMillis));
	}

	/**
	 * Return whether the connection is open and not closing.
	 * @return whether new turns can be sent
	 */
	public boolean isOpen() {
		return !this.closed && !this.closing && this.channel.isActive();
	}

	/**
	 * Return the number of bytes of requests written (UTF-8, before compression).
	 * @return the count
	 */
	public long bytesSent() {
		return this.bytesSent.get();
	}

	/**
	 * Return the number of events received.
	 * @return the count
	 */
	public long eventsReceived() {
		return this.eventsReceived.get();
	}

	/**
	 * Return how many frames arrived before their turn asked for them; each was held, alone,
	 * until it did, and reading stopped meanwhile.
	 * @return the count
	 */
	public long framesHeldForDemand() {
		return this.router.framesHeld();
	}

	@Override
	public String toString() {
		return "WebSocketConnection[" + this.id + ", " + this.settings.url() + (isOpen() ? ", open" : ", closed") + "]";
	}

	private final class RouterListener implements TurnRouter.Listener {

		@Override
		public void eventReceived(Turn turn, ResponseEvent event) {
			WebSocketConnection.this.eventsReceived.incrementAndGet();
			WebSocketConnection.this.listener.eventReceived(WebSocketConnection.this, event);
		}

		@Override
		public void frameReceived(int bytes) {
			WebSocketConnection.this.listener.frameReceived(WebSocketConnection.this, bytes);
		}

		@Override
		public void frameTooLarge(int bytes) {
			WebSocketConnection.this.tooLarge = "a frame of " + bytes + " bytes exceeds the maximum frame size of "
					+ WebSocketConnection.this.settings.maxFrameSize() + " bytes";
			close(1009, "message too big").subscribe();
		}

		@Override
		public void turnFinished(Turn turn) {
			WebSocketConnection.this.listener.turnFinished(WebSocketConnection.this);
		}

		@Override
		public void turnCancelled(Turn turn) {
			if (WebSocketConnection.this.settings.closeOnCancel()) {
				close(1000, "turn cancelled").subscribe();
			}
		}

		@Override
		public void protocolError(ResponsesException error) {
			WebSocketConnection.this.listener.protocolError(WebSocketConnection.this, error);
		}

		@Override
		public void idleTimeout(ResponsesTimeoutException timeout) {
			WebSocketConnection.this.listener.protocolError(WebSocketConnection.this, timeout);
			close(1001, "idle timeout").subscribe();
		}

		@Override
		public void inboundClosed(@Nullable Throwable error) {
			inboundEnded(error);
		}

	}

}
