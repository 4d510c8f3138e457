package dev.responsesws.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A plain Reactor Netty WebSocket client that sends text frames and hands back the text frames
 * the server sent, exactly as they arrived, without any decoding.
 */
final class RawWebSocket implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final BlockingQueue<String> inbound = new LinkedBlockingQueue<>();

	private final Disposable connection;

	RawWebSocket(URI uri) {
		this.connection = HttpClient.create()
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(16 * 1024 * 1024).build())
			.uri(uri)
			.handle((in, out) -> out.sendString(this.outbound.asFlux())
				.then()
				.and(in.aggregateFrames(16 * 1024 * 1024).receive().asString().doOnNext(this.inbound::add)))
			.subscribe();
	}

	void send(String json) {
		this.outbound.emitNext(json, Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
	}

	/**
	 * Return the frames received until {@code count} responses ended (a terminal event or an
	 * error frame each).
	 */
	List<String> untilTerminal(int count) throws InterruptedException {
		List<String> frames = new ArrayList<>();
		int terminal = 0;
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (terminal < count) {
			String frame = this.inbound.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame == null) {
				throw new AssertionError("No terminal event within " + TIMEOUT + " after " + frames);
			}
			frames.add(frame);
			if (isTerminal(frame)) {
				terminal++;
			}
		}
		return frames;
	}

	static boolean isTerminal(String frame) {
		return frame.startsWith("{\"type\":\"response.completed\"") || frame.startsWith("{\"type\":\"response.failed\"")
				|| frame.startsWith("{\"type\":\"response.incomplete\"") || frame.startsWith("{\"type\":\"error\"");
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

}
