package dev.responsesws.client.internal.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.netty.Connection;
import reactor.netty.http.client.PrematureCloseException;

/**
 * The events of one HTTP turn, read from its {@code text/event-stream} body as the subscriber
 * asks for them.
 *
 * <p>Each chunk of the body is parsed while Reactor Netty still owns it (the parser copies what
 * it keeps), so no buffer is read after its release. The next chunk is asked for only when every
 * event of the previous one has been delivered and the subscriber wants more, and the
 * {@link ReadGate} keeps the socket unread meanwhile: a paused subscriber holds one chunk's events
 * and what the socket read under way brought in, and TCP pushes back on the server.
 *
 * <p>The turn fails with {@link ResponsesApiException} for a mid-stream {@code error} event,
 * {@link ProtocolDecodingException} for an event that cannot be decoded or exceeds the limit,
 * {@link ConnectionClosedException} when the body ends or breaks before the terminal event, and
 * {@link ResponsesTimeoutException} when no byte arrives for the idle timeout while the subscriber
 * waits. After the terminal event the rest of the body is read (so that the connection can go back
 * to the pool) for up to {@link #BODY_END_GRACE}, then the connection is dropped.
 */
final class SseEventStream extends Flux<ResponseEvent> {

	/** How long the end of the body may lag behind the terminal event before the connection is closed. */
	static final Duration BODY_END_GRACE = Duration.ofMillis(250);

	private final Flux<ByteBuf> body;

	private final Connection connection;

	private final int status;

	private final int maxEventSize;

	private final Duration idleTimeout;

	private final EventDecoder decoder;

	private final LongConsumer bytesReceived;

	SseEventStream(Flux<ByteBuf> body, Connection connection, int status, int maxEventSize, Duration idleTimeout,
			EventDecoder decoder, LongConsumer bytesReceived) {
		this.body = body;
		this.connection = connection;
		this.status = status;
		this.maxEventSize = maxEventSize;
		this.idleTimeout = idleTimeout;
		this.decoder = decoder;
		this.bytesReceived = bytesReceived;
	}

	@Override
	public void subscribe(CoreSubscriber<? super ResponseEvent> actual) {
		Reader reader = new Reader(actual);
		actual.onSubscribe(reader);
		this.body.subscribe(reader);
	}

	/**
	 * Subscribes to the body and delivers its events. Its state is touched only on the
	 * connection's event loop; {@link #request(long)} and {@link #cancel()} hop there.
	 */
	private final class Reader implements CoreSubscriber<ByteBuf>, Subscription {

		private final CoreSubscriber<? super ResponseEvent> actual;

		private final EventLoop loop;

		private final @Nullable ReadGate gate;

		private final SseEventParser parser;

		private final ArrayDeque<String> pending = new ArrayDeque<>();

		private @Nullable Subscription upstream;

		private long demand;

		private boolean chunkRequested;

		private boolean upstreamDone;

		private @Nullable Throwable upstreamError;

		private boolean terminalDelivered;

		private boolean done;

		private boolean draining;

		private boolean drainAgain;

		private long eventsReceived;

		private @Nullable String lastEventType;

		private long lastProgressNanos = System.nanoTime();

		private @Nullable ScheduledFuture<?> idleCheck;

		private @Nullable ScheduledFuture<?> bodyEndTimer;

		Reader(CoreSubscriber<? super ResponseEvent> actual) {
			this.actual = actual;
			this.loop = SseEventStream.this.connection.channel().eventLoop();
			this.gate = ReadGate.of(SseEventStream.this.connection.channel());
			this.parser = new SseEventParser(SseEventStream.this.maxEventSize);
		}

		private void execute(Runnable task) {
			EventLoopTasks.runOn(this.loop, task);
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			execute(() -> {
				if (this.done) {
					subscription.cancel();
					return;
				}
				this.upstream = subscription;
				this.idleCheck = EventLoopTasks.scheduleIdleChecks(this.loop, SseEventStream.this.idleTimeout,
						this::checkIdle);
				drain();
			});
		}

		@Override
		public void onNext(ByteBuf chunk) {
			this.chunkRequested = false;
			if (this.gate != null) {
				this.gate.shut();
			}
			if (this.done || this.terminalDelivered) {
				return;
			}
			SseEventStream.this.bytesReceived.accept(chunk.readableBytes());
			this.lastProgressNanos = System.nanoTime();
			try {
				this.pending.addAll(this.parser.feed(chunk));
			}
			catch (ProtocolDecodingException ex) {
				fail(ex);
				return;
			}
			drain();
		}

		@Override
		public void onError(Throwable error) {
			execute(() -> {
				this.upstreamDone = true;
				this.upstreamError = error;
				drain();
			});
		}

		@Override
		public void onComplete() {
			execute(() -> {
				this.upstreamDone = true;
				drain();
			});
		}

		@Override
		public void request(long n) {
			if (!Operators.validate(n)) {
				return;
			}
			execute(() -> {
				if (this.demand == 0) {
					this.lastProgressNanos = System.nanoTime();
				}
				this.demand = Operators.addCap(this.demand, n);
				drain();
			});
		}

		@Override
		public void cancel() {
			execute(() -> {
				if (this.done) {
					return;
				}
				this.done = true;
				cleanUp();
				cancelUpstream();
			});
		}

		private void drain() {
			if (this.draining) {
				this.drainAgain = true;
				return;
			}
			this.draining = true;
			try {
				do {
					this.drainAgain = false;
					drainOnce();
				}
				while (this.drainAgain);
			}
			finally {
				this.draining = false;
			}
		}

		private void drainOnce() {
			if (this.done) {
				return;
			}
			if (this.terminalDelivered) {
				if (this.upstreamDone) {
					// Reactor Netty hands the connection back to the pool right after the body
					// completes, in the same event loop task: completing the turn in the next task
					// lets a turn that starts at once reuse it rather than open another.
					this.loop.execute(this::complete);
				}
				return;
			}
			while (this.demand > 0 && !this.pending.isEmpty()) {
				if (!deliver(this.pending.poll()) || this.done || this.terminalDelivered) {
					return;
				}
			}
			if (!this.pending.isEmpty()) {
				return;
			}
			if (this.upstreamDone) {
				fail(endedError());
				return;
			}
			Subscription subscription = this.upstream;
			if (this.demand > 0 && !this.chunkRequested && subscription != null) {
				this.chunkRequested = true;
				if (this.gate != null) {
					this.gate.requestOne(subscription, () -> !this.chunkRequested);
				}
				else {
					subscription.request(1);
				}
			}
		}

		/** @return whether the turn goes on */
		private boolean deliver(String data) {
			ResponseEvent event;
			try {
				event = SseEventStream.this.decoder.decode(data);
			}
			catch (ProtocolDecodingException ex) {
				fail(ex);
				return false;
			}
			this.eventsReceived++;
			this.lastEventType = event.type();
			if (event instanceof ErrorEvent error) {
				fail(new ResponsesApiException((error.status() != null) ? error.status() : SseEventStream.this.status,
						error.error()));
				return false;
			}
			this.demand--;
			if (event.isTerminal()) {
				this.terminalDelivered = true;
				this.pending.clear();
				this.actual.onNext(event);
				readRestOfBody();
				return false;
			}
			this.actual.onNext(event);
			return true;
		}

		/**
		 * Read the body to its end so the connection can be reused; a server that keeps the
		 * stream open after the terminal event gets {@link #BODY_END_GRACE}.
		 */
		private void readRestOfBody() {
			if (this.done) {
				return;
			}
			if (this.gate != null) {
				this.gate.open();
			}
			Subscription subscription = this.upstream;
			if (subscription != null && !this.upstreamDone) {
				subscription.request(Long.MAX_VALUE);
			}
			if (this.upstreamDone) {
				this.loop.execute(this::complete);
				return;
			}
			this.bodyEndTimer = this.loop.schedule(() -> {
				if (!this.done) {
					cancelUpstream();
					complete();
				}
			}, BODY_END_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}

		private ResponsesException endedError() {
			Throwable error = this.upstreamError;
			if (error instanceof ResponsesException responses) {
				return responses;
			}
			String reason = (error == null || error instanceof PrematureCloseException || error instanceof IOException)
					? "the event stream ended" : "the event stream failed: " + error.getMessage();
			return new ConnectionClosedException(ConnectionClosedException.NO_CLOSE_FRAME, reason, this.eventsReceived,
					this.lastEventType, error);
		}

		private void checkIdle() {
			if (this.done || this.terminalDelivered || this.demand == 0 || !this.pending.isEmpty()) {
				return;
			}
			Duration timeout = SseEventStream.this.idleTimeout;
			if (System.nanoTime() - this.lastProgressNanos >= timeout.toNanos()) {
				fail(new ResponsesTimeoutException("No event for the turn (" + this.eventsReceived + " received so far)",
						timeout));
			}
		}

		private void complete() {
			if (this.done) {
				return;
			}
			this.done = true;
			cleanUp();
			this.actual.onComplete();
		}

		private void fail(ResponsesException error) {
			if (this.done) {
				return;
			}
			this.done = true;
			cleanUp();
			if (!this.upstreamDone) {
				cancelUpstream();
			}
			this.actual.onError(error);
		}

		private void cancelUpstream() {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		private void cleanUp() {
			this.pending.clear();
			ScheduledFuture<?> check = this.idleCheck;
			if (check != null) {
				check.cancel(false);
			}
			ScheduledFuture<?> timer = this.bodyEndTimer;
			if (timer != null) {
				timer.cancel(false);
			}
			if (this.gate != null) {
				this.gate.open();
			}
		}

	}

}
