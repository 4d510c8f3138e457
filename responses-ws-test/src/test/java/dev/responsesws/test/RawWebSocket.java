package dev.responsesws.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseEvent;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A plain Reactor Netty WebSocket client for tests of the simulator: sends text frames and
 * queues the text frames received. Every wait is bounded.
 */
final class RawWebSocket implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final EventDecoder DECODER = new EventDecoder();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final CompletableFuture<WebsocketOutbound> opened = new CompletableFuture<>();

	private final CompletableFuture<@Nullable WebSocketCloseStatus> closed = new CompletableFuture<>();

	private final Disposable connection;

	private RawWebSocket(URI url, @Nullable String apiKey) {
		this.connection = HttpClient.create()
			.headers((headers) -> {
				if (apiKey != null) {
					headers.set("Authorization", "Bearer " + apiKey);
				}
			})
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(64 * 1024 * 1024).compress(true).build())
			.uri(url)
			.handle((in, out) -> {
				this.opened.complete(out);
				in.receiveCloseStatus().subscribe(this.closed::complete);
				out.sendString(this.outgoing.asFlux()).then().subscribe();
				return in.aggregateFrames(64 * 1024 * 1024)
					.receive()
					.asString()
					.doOnNext(this.received::add)
					.then()
					.doFinally((signal) -> this.closed.complete(null));
			})
			.subscribe(null, (error) -> {
				this.opened.completeExceptionally(error);
				this.closed.complete(null);
			});
	}

	static RawWebSocket connect(URI url) {
		return connect(url, null);
	}

	static RawWebSocket connect(URI url, @Nullable String apiKey) {
		RawWebSocket socket = new RawWebSocket(url, apiKey);
		socket.awaitOpen();
		return socket;
	}

	/**
	 * Try to connect and return the HTTP status of the refused upgrade.
	 */
	static int rejectedStatus(URI url, @Nullable String apiKey) {
		RawWebSocket socket = new RawWebSocket(url, apiKey);
		try {
			socket.opened.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketClientHandshakeException handshake) {
				return handshake.response().status().code();
			}
			throw new AssertionError("Upgrade failed without an HTTP status", ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("Upgrade did not finish in time", ex);
		}
		finally {
			socket.close();
		}
		throw new AssertionError("Upgrade was accepted");
	}

	private void awaitOpen() {
		try {
			this.opened.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("Could not connect", ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("Could not connect in time", ex);
		}
	}

	void send(String text) {
		this.outgoing.emitNext(text, Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
	}

	/** The next text frame, failing after the timeout. */
	String next() {
		String frame = poll(TIMEOUT);
		if (frame == null) {
			throw new AssertionError("No frame within " + TIMEOUT);
		}
		return frame;
	}

	@Nullable String poll(Duration timeout) {
		try {
			return this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	ResponseEvent nextEvent() {
		return DECODER.decode(next());
	}

	/** Events up to and including the next terminal event. */
	List<ResponseEvent> untilTerminal() {
		List<ResponseEvent> events = new ArrayList<>();
		ResponseEvent event;
		do {
			event = nextEvent();
			events.add(event);
		}
		while (!event.isTerminal());
		return events;
	}

	/** Waits for the connection to close and returns the close status, null without a close frame. */
	@Nullable WebSocketCloseStatus awaitClosed() {
		try {
			return this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new AssertionError("Connection did not close in time", ex);
		}
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	@Override
	public void close() {
		WebsocketOutbound out = this.opened.isCompletedExceptionally() ? null : this.opened.getNow(null);
		if (out != null && !this.closed.isDone()) {
			out.sendClose(1000, "bye").onErrorResume((error) -> Mono.empty()).block(TIMEOUT);
		}
		this.connection.dispose();
	}

}
