package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * The baseline client: a raw Reactor Netty WebSocket that sends a pre-serialized
 * {@code response.create} and counts the frames of the answer without decoding them, the least
 * work any client can do per turn. Turns run back to back, each sent from the event loop as the
 * last frame of the previous one arrives.
 */
final class RawTurnClient implements AutoCloseable {

	static final String REQUEST = "{\"type\":\"response.create\",\"model\":\"simulated\",\"store\":false,"
			+ "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final int framesPerTurn;

	private final Disposable connection;

	private final CompletableFuture<Void> connected = new CompletableFuture<>();

	private volatile Run run = new Run((nanos) -> false);

	private int frames;

	private long sentAt;

	/**
	 * Connect.
	 * @param port the port of a {@link CannedTurnServer}
	 * @param framesPerTurn the frames of one answer
	 */
	RawTurnClient(int port, int framesPerTurn) {
		this.framesPerTurn = framesPerTurn;
		this.connection = HttpClient.create()
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
			.uri("ws://127.0.0.1:" + port + CannedTurnServer.PATH)
			.handle((in, out) -> {
				this.connected.complete(null);
				return Mono.when(out.sendString(this.outbound.asFlux()),
						in.receiveFrames().ofType(TextWebSocketFrame.class).doOnNext((frame) -> onFrame()).then());
			})
			.subscribe(null, this.connected::completeExceptionally);
		await(this.connected);
	}

	/**
	 * Run turns back to back until the predicate, told each turn's time in nanoseconds, says to
	 * stop.
	 * @param next told each turn's duration; returns whether to run another turn
	 * @return completes after the last turn
	 */
	CompletableFuture<Void> run(LongPredicate next) {
		Run started = new Run(next);
		this.run = started;
		send();
		return started.done;
	}

	private void onFrame() {
		if (++this.frames % this.framesPerTurn != 0) {
			return;
		}
		Run current = this.run;
		if (current.next.test(System.nanoTime() - this.sentAt)) {
			send();
		}
		else {
			current.done.complete(null);
		}
	}

	private void send() {
		this.sentAt = System.nanoTime();
		this.outbound.emitNext(REQUEST, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	static void await(CompletableFuture<?> future) {
		try {
			future.get(TIMEOUT.toSeconds() * 10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The raw client failed", ex);
		}
	}

	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		this.connection.dispose();
	}

	private record Run(LongPredicate next, CompletableFuture<Void> done) {

		Run(LongPredicate next) {
			this(next, new CompletableFuture<>());
		}

	}

}
