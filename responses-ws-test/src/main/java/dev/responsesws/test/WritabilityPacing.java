package dev.responsesws.test;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands a response's frames to the channel only while the channel is writable, as a server that
 * writes to its socket as it takes data does.
 *
 * <p>Reactor Netty's {@code send} asks its publisher for more as soon as it has written what it
 * got, whether or not the socket takes it, so a client that stops reading would make the
 * simulator generate the rest of a long answer into the channel's outbound buffer: heap that
 * belongs to the test's JVM and that tests of the client's memory would count. Paced, the
 * frames wait in the plan, generated lazily, until the channel is writable again: at most
 * {@value #BATCH} frames are asked for beyond the channel's high water mark.
 */
final class WritabilityPacing {

	static final int BATCH = 16;

	private static final String HANDLER = "mockResponses.writability";

	private WritabilityPacing() {
	}

	/**
	 * Pace frames by the channel's writability.
	 * @param frames the frames
	 * @param channel the channel they are written to
	 * @return the same frames, requested from {@code frames} only while the channel is writable
	 */
	static <T> Flux<T> paced(Flux<T> frames, Channel channel) {
		return Flux.create((sink) -> {
			Pacer<T> pacer = new Pacer<>(sink, channel);
			Listener listener = listenerOf(channel);
			listener.pacer = pacer;
			sink.onRequest((n) -> pacer.drain());
			sink.onDispose(() -> {
				pacer.dispose();
				if (listener.pacer == pacer) {
					listener.pacer = null;
				}
			});
			frames.subscribe(pacer);
		});
	}

	private static Listener listenerOf(Channel channel) {
		if (channel.pipeline().get(HANDLER) instanceof Listener listener) {
			return listener;
		}
		Listener listener = new Listener();
		channel.pipeline().addLast(HANDLER, listener);
		return listener;
	}

	/** Drains the pacer of the channel when the channel becomes writable again. */
	private static final class Listener extends ChannelInboundHandlerAdapter {

		volatile @Nullable Pacer<?> pacer;

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext context) {
			Pacer<?> current = this.pacer;
			if (current != null && context.channel().isWritable()) {
				current.drain();
			}
			context.fireChannelWritabilityChanged();
		}

		@Override
		public boolean isSharable() {
			return false;
		}

	}

	/** Asks the frames for a batch when the last one has arrived, the sink wants more and the channel is writable. */
	private static final class Pacer<T> extends BaseSubscriber<T> {

		private final FluxSink<T> sink;

		private final Channel channel;

		private final AtomicInteger wip = new AtomicInteger();

		private volatile int outstanding;

		private volatile boolean subscribed;

		Pacer(FluxSink<T> sink, Channel channel) {
			this.sink = sink;
			this.channel = channel;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			this.subscribed = true;
			drain();
		}

		@Override
		protected void hookOnNext(T value) {
			this.outstanding--;
			this.sink.next(value);
			drain();
		}

		@Override
		protected void hookOnComplete() {
			this.sink.complete();
		}

		@Override
		protected void hookOnError(Throwable error) {
			this.sink.error(error);
		}

		void drain() {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			do {
				if (this.subscribed && !isDisposed() && this.outstanding == 0 && this.sink.requestedFromDownstream() > 0
						&& this.channel.isWritable()) {
					int batch = (int) Math.min(BATCH, this.sink.requestedFromDownstream());
					this.outstanding = batch;
					request(batch);
				}
			}
			while (this.wip.decrementAndGet() != 0);
		}

	}

}
