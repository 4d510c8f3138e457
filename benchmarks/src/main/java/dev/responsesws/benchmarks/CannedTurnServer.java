package dev.responsesws.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The cheapest server a client can talk to: a raw Reactor Netty WebSocket endpoint that answers
 * every text frame with the same pre-encoded turn, so that what a benchmark measures is the
 * client. A turn is either a whole one-token answer, shaped as the simulator sends it
 * ({@code response.created} to {@code response.completed}, nine frames), or a stream of
 * {@code deltas} identical text deltas between {@code response.created} and
 * {@code response.completed}, sent as fast as the client reads. Each turn's response has an id of
 * its own, as a real server's has, written into copies of the frames that carry it, so that a
 * client that routes turns by response id sees what it would see in production.
 */
final class CannedTurnServer implements AutoCloseable {

	static final String PATH = "/v1/responses";

	private static final String ID_DIGITS = "0000000000000000";

	private static final ByteBuf ID_PLACEHOLDER = Unpooled
		.unreleasableBuffer(Unpooled.copiedBuffer("resp_" + ID_DIGITS, StandardCharsets.UTF_8).asReadOnly());

	private static final String RESPONSE = "{\"id\":\"resp_" + ID_DIGITS + "\",\"object\":\"response\",\"created_at\":1764000000,"
			+ "\"status\":\"%s\",\"model\":\"simulated\",\"output\":%s,\"tools\":[],\"store\":false,\"metadata\":{}%s}";

	private static final String USAGE = ",\"usage\":{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0},"
			+ "\"output_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":13}";

	private static final String MESSAGE = "{\"id\":\"msg_canned\",\"type\":\"message\",\"status\":\"completed\","
			+ "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\",\"annotations\":[]}]}";

	private final List<ByteBuf> head;

	private final @Nullable ByteBuf delta;

	private final long deltas;

	private final List<ByteBuf> tail;

	private final DisposableServer server;

	private final AtomicLong responses = new AtomicLong();

	/**
	 * Start a server.
	 * @param deltas 0 for whole one-token turns, otherwise the number of deltas per turn
	 * @param deltaChars the characters of text in each delta
	 * @param tls the server TLS context, or {@code null} for plain text
	 */
	CannedTurnServer(long deltas, int deltaChars, @Nullable SslContext tls) {
		this.deltas = deltas;
		if (deltas == 0) {
			this.head = frames(
					"{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
							+ String.format(RESPONSE, "in_progress", "[]", "") + "}",
					"{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":"
							+ String.format(RESPONSE, "in_progress", "[]", "") + "}",
					"{\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":"
							+ "{\"id\":\"msg_canned\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}",
					"{\"type\":\"response.content_part.added\",\"sequence_number\":3,\"item_id\":\"msg_canned\",\"output_index\":0,"
							+ "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}}",
					"{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_canned\",\"output_index\":0,"
							+ "\"content_index\":0,\"delta\":\"ok\",\"logprobs\":[]}",
					"{\"type\":\"response.output_text.done\",\"sequence_number\":5,\"item_id\":\"msg_canned\",\"output_index\":0,"
							+ "\"content_index\":0,\"text\":\"ok\",\"logprobs\":[]}",
					"{\"type\":\"response.content_part.done\",\"sequence_number\":6,\"item_id\":\"msg_canned\",\"output_index\":0,"
							+ "\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"ok\",\"annotations\":[]}}",
					"{\"type\":\"response.output_item.done\",\"sequence_number\":7,\"output_index\":0,\"item\":" + MESSAGE + "}",
					"{\"type\":\"response.completed\",\"sequence_number\":8,\"response\":"
							+ String.format(RESPONSE, "completed", "[" + MESSAGE + "]", USAGE) + "}");
			this.delta = null;
			this.tail = List.of();
		}
		else {
			this.head = frames("{\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
					+ String.format(RESPONSE, "in_progress", "[]", "") + "}");
			this.delta = frames("{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_canned\","
					+ "\"output_index\":0,\"content_index\":0,\"delta\":\"" + "x".repeat(deltaChars) + "\",\"logprobs\":[]}")
				.get(0);
			this.tail = frames("{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
					+ String.format(RESPONSE, "completed", "[" + MESSAGE + "]", USAGE) + "}");
		}
		HttpServer server = HttpServer.create().host("127.0.0.1").port(0);
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(tls));
		}
		this.server = server
			.route((routes) -> routes.ws(PATH,
					(in, out) -> out.sendObject(in.receiveFrames()
						.filter(TextWebSocketFrame.class::isInstance)
						.concatMap((frame) -> turn(), 1)),
					WebsocketServerSpec.builder().maxFramePayloadLength(1 << 20).build()))
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	int port() {
		return this.server.port();
	}

	/**
	 * Return the size of one turn's frames on the wire, payloads only.
	 * @return the bytes
	 */
	long turnPayloadBytes() {
		long bytes = 0;
		for (ByteBuf frame : this.head) {
			bytes += frame.readableBytes();
		}
		for (ByteBuf frame : this.tail) {
			bytes += frame.readableBytes();
		}
		return bytes + ((this.delta != null) ? this.deltas * this.delta.readableBytes() : 0);
	}

	private Flux<WebSocketFrame> turn() {
		byte[] id = String.format(java.util.Locale.ROOT, "%016d", this.responses.incrementAndGet())
			.getBytes(StandardCharsets.UTF_8);
		Flux<ByteBuf> deltaFrames = (this.delta != null)
				? Flux.<ByteBuf>generate((sink) -> sink.next(this.delta)).take(this.deltas).map(ByteBuf::retainedDuplicate)
				: Flux.empty();
		return Flux.concat(withId(this.head, id), deltaFrames, withId(this.tail, id)).map(TextWebSocketFrame::new);
	}

	/** The frames themselves where they carry no response id, otherwise copies with this turn's. */
	private static Flux<ByteBuf> withId(List<ByteBuf> frames, byte[] id) {
		return Flux.fromIterable(frames).map((frame) -> {
			int at = ByteBufUtil.indexOf(ID_PLACEHOLDER, frame);
			if (at < 0) {
				return frame.retainedDuplicate();
			}
			ByteBuf copy = frame.copy();
			copy.setBytes(at + ID_PLACEHOLDER.readableBytes() - id.length, id);
			return copy;
		});
	}

	private static List<ByteBuf> frames(String... texts) {
		List<ByteBuf> frames = new ArrayList<>();
		for (String text : texts) {
			frames.add(Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8).asReadOnly()));
		}
		return List.copyOf(frames);
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
