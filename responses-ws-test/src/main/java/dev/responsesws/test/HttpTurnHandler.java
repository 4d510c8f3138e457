package dev.responsesws.test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of the simulator: {@code POST /v1/responses}, streamed as server-sent events
 * when the body says {@code "stream":true}, otherwise answered with the final response object.
 * Every request is independent: {@code previous_response_id} is served from the store only.
 */
final class HttpTurnHandler {

	private final SimulatorSettings settings;

	private final TurnPlanner planner;

	private final Consumer<RecordedFrame> recorder;

	private final AtomicInteger requests = new AtomicInteger();

	HttpTurnHandler(SimulatorSettings settings, TurnPlanner planner, Consumer<RecordedFrame> recorder) {
		this.settings = settings;
		this.planner = planner;
		this.recorder = recorder;
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String connectionId = "http-" + this.requests.incrementAndGet();
		return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			JsonNode json = parse(body);
			SimulatedRequest create = null;
			OutputPlan.ErrorReply error = null;
			String param = null;
			if (json == null || !json.isObject()) {
				error = ErrorBodies.invalidRequest(null, "The body is not a JSON object.");
			}
			else {
				RequestReader.Outcome outcome = RequestReader.read((ObjectNode) json, Transport.HTTP,
						this.settings.strict);
				if (outcome instanceof RequestReader.Outcome.Refused refused) {
					error = refused.error();
					param = refused.param();
				}
				else {
					create = ((RequestReader.Outcome.Read) outcome).request();
				}
			}
			this.recorder.accept(new RecordedFrame(connectionId, Transport.HTTP, body, json, create, Instant.now()));
			if (error != null || create == null) {
				return sendError(response, (error != null) ? error : ErrorBodies.invalidRequest(null, "Invalid request."),
						param);
			}
			boolean stream = json.path("stream").asBoolean(false);
			TurnPlanner.Turn turn = this.planner.plan(create, null, connectionId, Transport.HTTP, 1);
			if (turn instanceof TurnPlanner.Turn.Rejected rejected) {
				return sendError(response, rejected.error(), rejected.param());
			}
			TurnPlanner.Turn.Running running = (TurnPlanner.Turn.Running) turn;
			return stream ? stream(response, running) : respond(response, running);
		});
	}

	private static Mono<Void> stream(HttpServerResponse response, TurnPlanner.Turn.Running running) {
		Flux<String> events = running.script().frames().map(HttpTurnHandler::sseEvent);
		OutputPlan.Fault fault = running.fault();
		if (fault != null && fault.kind() != OutputPlan.FaultKind.MALFORMED) {
			// Flush the events written so far, then close: a bare close() would fail the writes
			// still in the channel's outbound buffer, so the client would see none of them. The
			// events never complete, or the last chunk would end the body cleanly before the close.
			events = events.take(fault.afterEvents())
				.concatWith(Mono.fromRunnable(() -> response.withConnection((c) -> c.channel()
					.eventLoop()
					.execute(() -> c.channel()
						.writeAndFlush(Unpooled.EMPTY_BUFFER)
						.addListener(ChannelFutureListener.CLOSE)))))
				.concatWith(Mono.never());
		}
		return response.sse().sendString(events).then();
	}

	private static Mono<Void> respond(HttpServerResponse response, TurnPlanner.Turn.Running running) {
		return running.script().frames().last().flatMap((terminal) -> {
			JsonNode event = parse(terminal);
			String body = (event != null) ? event.path("response").toString() : terminal;
			return response.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.sendString(Mono.just(body))
				.then();
		});
	}

	static Mono<Void> sendError(HttpServerResponse response, OutputPlan.ErrorReply error, @Nullable String param) {
		error.headers().forEach(response::header);
		return response.status(error.status())
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.sendString(Mono.just(ErrorBodies.httpBody(error, param)))
			.then();
	}

	/** Every frame starts with {@code {"type":"...", which names the SSE event. */
	private static String sseEvent(String frame) {
		String type = "message";
		if (frame.startsWith("{\"type\":\"")) {
			int end = frame.indexOf('"', 9);
			if (end > 9) {
				type = frame.substring(9, end);
			}
		}
		return "event: " + type + "\ndata: " + frame + "\n\n";
	}

	private static @Nullable JsonNode parse(String text) {
		try {
			return JsonMapper.shared().readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
