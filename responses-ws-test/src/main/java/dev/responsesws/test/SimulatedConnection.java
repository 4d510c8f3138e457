package dev.responsesws.test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
 *
 * <p>Requests are answered in the order they arrive, as the protocol says: a request refused
 * before it runs (a validation error, {@code invalid_stream_id}, a lane or connection limit) is
 * answered without the lane id, and so is any error on the default lane; such an error is
 * written only after every earlier request of the connection got its answer (its
 * {@code response.created} or its own error), so that a client can give it to the oldest request
 * still waiting. An error of a named lane carries the lane id and follows that lane's order.
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

	/** Errors without a lane id, by request, each waiting for every earlier request's answer. */
	private final TreeMap<Integer, String> heldErrors = new TreeMap<>();

	/** Requests answered after an earlier one that still waits for its answer. */
	private final Set<Integer> answeredAhead = new HashSet<>();

	private volatile boolean expired;

	private int inFlight;

	private int turns;

	/** The number of requests received, so the number of the last one. */
	private int received;

	/** Every request up to this number has been answered. */
	private int answeredThrough;

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

	/**
	 * The frames to write: every response's frames, interleaved across lanes, on demand. A frame
	 * that answers a request counts once it leaves the merge, so that an error held for it is
	 * written after it.
	 */
	Flux<WebSocketFrame> outboundFrames() {
		return this.outbound.asFlux().flatMap((frames) -> frames, 64, 8).doOnNext((frame) -> {
			if (frame instanceof AnswerFrame answer) {
				answered(answer.request);
			}
		});
	}

	synchronized void receive(String text) {
		if (this.closed) {
			return;
		}
		int number = ++this.received;
		JsonNode json = null;
		try {
			json = JsonMapper.shared().readTree(text);
		}
		catch (JacksonException ex) {
			// answered below, after recording
		}
		SimulatedRequest request = null;
		OutputPlan.ErrorReply error = null;
		String param = null;
		if (json == null || !json.isObject()) {
			error = ErrorBodies.invalidRequest("invalid_json", "The message is not a JSON object.");
		}
		else if (!RESPONSE_CREATE.equals(json.path("type").asString(null))) {
			error = ErrorBodies.invalidRequest("unsupported_message_type",
					"Unsupported message type: '" + json.path("type").asString("") + "'.");
			param = "type";
		}
		else {
			RequestReader.Outcome outcome = RequestReader.read((ObjectNode) json, Transport.WEBSOCKET,
					this.settings.strict);
			if (outcome instanceof RequestReader.Outcome.Refused refused) {
				error = refused.error();
				param = refused.param();
			}
			else {
				request = ((RequestReader.Outcome.Read) outcome).request();
			}
		}
		this.recorder.accept(new RecordedFrame(this.id, Transport.WEBSOCKET, text, json, request, Instant.now()));
		if (error != null || request == null) {
			sendError(number, (error != null) ? error : ErrorBodies.invalidRequest(null, "Invalid request."), param,
					null);
			return;
		}
		this.turns++;
		accept(number, request, json);
	}

	/** Queue a valid request, or refuse it before it runs, without the lane id. */
	private void accept(int number, SimulatedRequest request, JsonNode json) {
		String lane = DEFAULT_LANE;
		JsonNode streamId = json.get("stream_id");
		if (streamId != null && !streamId.isNull()) {
			if (!this.settings.lanes) {
				sendError(number, ErrorBodies.invalidRequest("unknown_parameter", "Unknown parameter: 'stream_id'."),
						"stream_id", null);
				return;
			}
			if (!streamId.isString() || !STREAM_ID.matcher(streamId.stringValue()).matches()) {
				sendError(number, ErrorBodies.invalidRequest("invalid_stream_id",
						"Invalid 'stream_id': expected 1 to 256 characters of [A-Za-z0-9_.-]."), "stream_id", null);
				return;
			}
			lane = streamId.stringValue();
			if (!this.namedLanes.contains(lane) && this.namedLanes.size() >= SimulatorSettings.MAX_NAMED_LANES) {
				sendError(number, ErrorBodies.invalidRequest("websocket_stream_limit_reached",
						"This connection already has " + SimulatorSettings.MAX_NAMED_LANES + " streams."), "stream_id",
						null);
				return;
			}
			this.namedLanes.add(lane);
		}
		if (this.expired || System.nanoTime() - this.openedAt > this.settings.maxConnectionAge.toNanos()) {
			sendError(number, ErrorBodies.invalidRequest("websocket_connection_limit_reached",
					"This connection has reached its maximum duration. Open a new connection to continue."), null,
					null);
			return;
		}
		this.pending.add(new Pending(lane, request, this.turns, number));
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
		TurnPlanner.Turn planned = this.planner.plan(turn.request(), cache, this.id,
				Transport.WEBSOCKET, turn.number());
		String lane = turn.lane().isEmpty() ? null : turn.lane();
		if (planned instanceof TurnPlanner.Turn.Rejected rejected) {
			sendError(turn.arrival(), rejected.error(), rejected.param(), lane);
			return;
		}
		TurnPlanner.Turn.Running running = (TurnPlanner.Turn.Running) planned;
		this.busyLanes.add(turn.lane());
		this.inFlight++;
		Flux<WebSocketFrame> frames = Flux.defer(() -> {
			boolean[] first = { true };
			return running.script().frames().map((text) -> {
				if (first[0]) {
					first[0] = false;
					return new AnswerFrame(text, turn.arrival());
				}
				return new TextWebSocketFrame(text);
			});
		});
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

	/**
	 * Answer a request with an error: at once on a named lane, whose order the caller keeps;
	 * without a lane id once every earlier request has been answered.
	 */
	private void sendError(int request, OutputPlan.ErrorReply error, @Nullable String param, @Nullable String lane) {
		String frame = ErrorBodies.webSocketFrame(error, param, lane);
		if (lane != null) {
			writeAnswer(request, frame);
		}
		else {
			this.heldErrors.put(request, frame);
			releaseHeldError();
		}
	}

	private void writeAnswer(int request, String frame) {
		emit(Mono.fromSupplier(() -> (WebSocketFrame) new AnswerFrame(frame, request)).flux());
	}

	/** Write the held error of the oldest request waiting for its answer, if it has one. */
	private void releaseHeldError() {
		String frame = this.heldErrors.remove(this.answeredThrough + 1);
		if (frame != null) {
			writeAnswer(this.answeredThrough + 1, frame);
		}
	}

	/** A request's answer has been handed to the socket. */
	private synchronized void answered(int request) {
		if (request != this.answeredThrough + 1) {
			this.answeredAhead.add(request);
			return;
		}
		this.answeredThrough = request;
		while (this.answeredAhead.remove(this.answeredThrough + 1)) {
			this.answeredThrough++;
		}
		releaseHeldError();
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
		this.heldErrors.clear();
		this.outbound.tryEmitComplete();
	}

	/**
	 * A request waiting for its lane.
	 * @param body the request as received
	 * @param number the turn number given to the responder
	 * @param arrival the request's place among those the connection received
	 */
	private record Pending(String lane, SimulatedRequest request, int number, int arrival) {
	}

	/** The frame that answers a request: its response's first frame, or its error. */
	private static final class AnswerFrame extends TextWebSocketFrame {

		private final int request;

		AnswerFrame(String text, int request) {
			super(text);
			this.request = request;
		}

	}

}
