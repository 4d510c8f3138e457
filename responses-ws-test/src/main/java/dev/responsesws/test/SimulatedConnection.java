package dev.responsesws.test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.request.CreateResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection of the simulator: reads {@code response.create} messages, runs the
 * default lane one response at a time and named lanes concurrently (at most 16 in flight, 32
 * lanes), keeps each lane's cache, enforces the connection age limit, and writes every
 * response's frames to the socket as fast as the client reads them.
 */
final class SimulatedConnection {

	private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

	private static final String DEFAULT_LANE = "";

	private static final String RESPONSE_CREATE = "response.create";

	private final String id;

	private final long openedAt = System.nanoTime();

	private final SimulatorSettings settings;

	private final TurnPlanner planner;

	private final Consumer<RecordedFrame> recorder;

	private final Channel channel;

	private final Sinks.Many<Flux<WebSocketFrame>> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Map<String, ChainCache> caches = new HashMap<>();

	private final Set<String> namedLanes = new HashSet<>();

	private final Set<String> busyLanes = new HashSet<>();

	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	private volatile boolean expired;

	private int inFlight;

	private int turns;

	private boolean closed;

	SimulatedConnection(String id, SimulatorSettings settings, TurnPlanner planner, Consumer<RecordedFrame> recorder,
			Channel channel) {
		this.id = id;
		this.settings = settings;
		this.planner = planner;
		this.recorder = recorder;
		this.channel = channel;
	}

	String id() {
		return this.id;
	}

	/** The frames to write: every response's frames, interleaved across lanes, on demand. */
	Flux<WebSocketFrame> outboundFrames() {
		return this.outbound.asFlux().flatMap((frames) -> frames, 64, 8);
	}

	synchronized void receive(String text) {
		if (this.closed) {
			return;
		}
		JsonNode json = null;
		CreateResponse request = null;
		try {
			json = JsonMapper.shared().readTree(text);
		}
		catch (JacksonException ex) {
			// answered below, after recording
		}
		String error = null;
		String param = null;
		String code = null;
		if (json == null || !json.isObject()) {
			error = "The message is not a JSON object.";
			code = "invalid_json";
		}
		else if (!RESPONSE_CREATE.equals(json.path("type").asString(null))) {
			error = "Unsupported message type: '" + json.path("type").asString("") + "'.";
			code = "unsupported_message_type";
			param = "type";
		}
		else {
			ObjectNode body = ((ObjectNode) json).deepCopy();
			body.remove("type");
			try {
				request = CreateResponse.fromTree(body);
			}
			catch (ProtocolDecodingException ex) {
				error = ex.getMessage();
			}
			for (String unsupported : new String[] { "stream", "background" }) {
				if (error == null && body.has(unsupported)) {
					error = "The '" + unsupported + "' parameter is not supported in WebSocket mode.";
					code = "unsupported_parameter";
					param = unsupported;
				}
			}
		}
		this.recorder.accept(new RecordedFrame(this.id, Transport.WEBSOCKET, text, json,
				(error == null) ? request : null, Instant.now()));
		if (error != null || request == null) {
			sendError(ErrorBodies.invalidRequest(code, (error != null) ? error : "Invalid request."), param, null);
			return;
		}
		this.turns++;
		accept(request, json);
	}

	private void accept(CreateResponse request, JsonNode json) {
		String lane = DEFAULT_LANE;
		JsonNode streamId = json.get("stream_id");
		if (streamId != null && !streamId.isNull()) {
			if (!this.settings.lanes) {
				sendError(ErrorBodies.invalidRequest("unknown_parameter", "Unknown parameter: 'stream_id'."),
						"stream_id", null);
				return;
			}
			if (!streamId.isString() || !STREAM_ID.matcher(streamId.stringValue()).matches()) {
				sendError(ErrorBodies.invalidRequest("invalid_stream_id",
						"Invalid 'stream_id': expected 1 to 256 characters of [A-Za-z0-9_.-]."), "stream_id", null);
				return;
			}
			lane = streamId.stringValue();
			if (!this.namedLanes.contains(lane) && this.namedLanes.size() >= SimulatorSettings.MAX_NAMED_LANES) {
				sendError(ErrorBodies.invalidRequest("websocket_stream_limit_reached",
						"This connection already has " + SimulatorSettings.MAX_NAMED_LANES + " streams."), "stream_id",
						lane);
				return;
			}
			this.namedLanes.add(lane);
		}
		if (this.expired || System.nanoTime() - this.openedAt > this.settings.maxConnectionAge.toNanos()) {
			sendError(ErrorBodies.invalidRequest("websocket_connection_limit_reached",
					"This connection has reached its maximum duration. Open a new connection to continue."), null,
					(lane.isEmpty()) ? null : lane);
			return;
		}
		this.pending.add(new Pending(lane, request, this.turns));
		schedule();
	}

	private void schedule() {
		Iterator<Pending> iterator = this.pending.iterator();
		while (iterator.hasNext() && this.inFlight < SimulatorSettings.MAX_IN_FLIGHT_PER_CONNECTION) {
			Pending next = iterator.next();
			if (this.busyLanes.contains(next.lane())) {
				continue;
			}
			iterator.remove();
			start(next);
		}
	}

	private void start(Pending turn) {
		ChainCache cache = this.caches.computeIfAbsent(turn.lane(), (lane) -> new ChainCache());
		TurnPlanner.Turn planned = this.planner.plan(turn.request(), cache, this.id, Transport.WEBSOCKET,
				turn.number());
		String lane = turn.lane().isEmpty() ? null : turn.lane();
		if (planned instanceof TurnPlanner.Turn.Rejected rejected) {
			sendError(rejected.error(), rejected.param(), lane);
			return;
		}
		TurnPlanner.Turn.Running running = (TurnPlanner.Turn.Running) planned;
		this.busyLanes.add(turn.lane());
		this.inFlight++;
		Flux<WebSocketFrame> frames = running.script().frames().map(TextWebSocketFrame::new);
		emit(applyFault(frames, running.fault()).doFinally((signal) -> finished(turn.lane())));
	}

	private Flux<WebSocketFrame> applyFault(Flux<WebSocketFrame> frames, OutputPlan.@Nullable Fault fault) {
		if (fault == null || fault.kind() == OutputPlan.FaultKind.MALFORMED) {
			return frames;
		}
		if (fault.kind() == OutputPlan.FaultKind.DISCONNECT) {
			return frames.take(fault.afterEvents()).concatWith(Mono.fromRunnable(this::disconnect));
		}
		return frames.take(fault.afterEvents())
			.concatWith(Mono.fromSupplier(() -> new CloseWebSocketFrame(fault.closeCode(), fault.closeReason())));
	}

	private synchronized void finished(String lane) {
		this.busyLanes.remove(lane);
		this.inFlight--;
		if (!this.closed) {
			schedule();
		}
	}

	private void sendError(OutputPlan.ErrorReply error, @Nullable String param, @Nullable String lane) {
		String frame = ErrorBodies.webSocketFrame(error, param, lane);
		emit(Mono.fromSupplier(() -> (WebSocketFrame) new TextWebSocketFrame(frame)).flux());
	}

	/** Callers hold this connection's lock, so emissions never race. */
	private void emit(Flux<WebSocketFrame> frames) {
		if (!this.closed) {
			this.outbound.tryEmitNext(frames);
		}
	}

	/** Drop the TCP connection after flushing what was written, without a close frame. */
	void disconnect() {
		this.channel.eventLoop()
			.execute(() -> this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
	}

	/** Send a close frame after what was written. */
	synchronized void close(int code, String reason) {
		emit(Mono.fromSupplier(() -> (WebSocketFrame) new CloseWebSocketFrame(code, reason)).flux());
	}

	/** Treat this connection as past the age limit from now on. */
	void expire() {
		this.expired = true;
	}

	synchronized void evictCaches() {
		this.caches.values().forEach(ChainCache::evictAll);
	}

	synchronized void inboundClosed() {
		this.closed = true;
		this.pending.clear();
		this.outbound.tryEmitComplete();
	}

	private record Pending(String lane, CreateResponse request, int number) {
	}

}
