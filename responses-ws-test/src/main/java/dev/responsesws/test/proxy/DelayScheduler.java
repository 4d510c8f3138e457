package dev.responsesws.test.proxy;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Forwards the bytes of one direction of one connection to their destination channel: each chunk
 * at its arrival time plus the direction's one-way delay, in order. Delays overlap rather than add
 * up, so a stream keeps its throughput and only its latency grows.
 *
 * <p>With a bandwidth cap, a chunk is cut into pieces of about 10 ms of transmission, and a piece
 * is sent no earlier than when the previous one finished at that rate. While the proxy is stalled
 * nothing is released; what is held goes out on {@link #drain()} after the resume.
 *
 * <p>The scheduler is {@link #congested()} when more than {@value #MAX_PENDING_BYTES} bytes wait
 * or the destination is not writable; the connection then stops reading the source, so TCP flow
 * control pushes back instead of a buffer growing. For the downstream direction it also carries
 * out the proxy's one-shot cut fault.
 *
 * <p>Every method runs on the connection's event loop. Each chunk is released exactly once:
 * either written to the destination, which then owns it, or released by {@link #discard()}.
 */
final class DelayScheduler {

	/** Beyond this many bytes waiting, the source is no longer read. */
	static final int MAX_PENDING_BYTES = 1024 * 1024;

	private static final int RESUME_PENDING_BYTES = MAX_PENDING_BYTES / 2;

	private static final int MIN_PIECE_BYTES = 1024;

	private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

	private final Direction direction;

	private final Channel destination;

	private final ProxyState state;

	private final ProxyConnection connection;

	private final ArrayDeque<Chunk> queue = new ArrayDeque<>();

	private long pendingBytes;

	private long lastDueNanos;

	private long pacedUntilNanos;

	/** The bytes still allowed before the claimed cut; negative when this direction has none. */
	private long cutBudget = -1;

	private boolean congested;

	private boolean closeWhenDrained;

	private boolean discarded;

	private @Nullable ScheduledFuture<?> timer;

	DelayScheduler(Direction direction, Channel destination, ProxyState state, ProxyConnection connection) {
		this.direction = direction;
		this.destination = destination;
		this.state = state;
		this.connection = connection;
		this.lastDueNanos = System.nanoTime();
		this.pacedUntilNanos = this.lastDueNanos;
	}

	/**
	 * Schedule a chunk read from the source, taking ownership of it.
	 * @param data the chunk
	 */
	void offer(ByteBuf data) {
		if (this.discarded) {
			data.release();
			return;
		}
		long arrival = System.nanoTime();
		long bytesPerSecond = this.state.bytesPerSecond();
		int piece = pieceSize(bytesPerSecond);
		while (data.readableBytes() > piece) {
			enqueue(data.readRetainedSlice(piece), arrival, bytesPerSecond);
		}
		enqueue(data, arrival, bytesPerSecond);
		drain();
	}

	private void enqueue(ByteBuf data, long arrival, long bytesPerSecond) {
		long due = later(arrival + this.state.delayNanos(this.direction), this.lastDueNanos);
		if (bytesPerSecond > 0) {
			due = later(due, this.pacedUntilNanos);
			this.pacedUntilNanos = due + data.readableBytes() * NANOS_PER_SECOND / bytesPerSecond;
		}
		this.lastDueNanos = due;
		this.queue.add(new Chunk(data, due));
		this.pendingBytes += data.readableBytes();
	}

	/**
	 * Write every chunk that is due, unless stalled, then wait for the next one; once empty
	 * after {@link #closeWhenDrained()}, close the destination.
	 */
	void drain() {
		if (this.discarded || this.state.stalled()) {
			this.connection.updateReading();
			return;
		}
		long now = System.nanoTime();
		boolean wrote = false;
		Chunk head;
		while ((head = this.queue.peek()) != null && now - head.dueNanos() >= 0) {
			this.queue.poll();
			this.pendingBytes -= head.data().readableBytes();
			if (!forward(head.data())) {
				return;
			}
			wrote = true;
		}
		if (wrote) {
			this.destination.flush();
		}
		if (head != null) {
			schedule(head.dueNanos() - now);
		}
		else if (this.closeWhenDrained) {
			this.closeWhenDrained = false;
			this.destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
		this.connection.updateReading();
	}

	/**
	 * Write one chunk, or, when it reaches the claimed cut, the part up to the cut followed by
	 * a reset of the connection.
	 * @return {@code false} if the connection was cut
	 */
	private boolean forward(ByteBuf data) {
		int size = data.readableBytes();
		long budget = cutBudget();
		if (budget >= 0 && size >= budget) {
			data.writerIndex(data.readerIndex() + (int) budget);
			this.state.countForwarded(this.direction, (int) budget);
			discard();
			this.destination.writeAndFlush(data).addListener((future) -> this.connection.reset());
			return false;
		}
		if (budget >= 0) {
			this.cutBudget = budget - size;
		}
		this.state.countForwarded(this.direction, size);
		this.destination.write(data, this.destination.voidPromise());
		return true;
	}

	private long cutBudget() {
		if (this.cutBudget < 0 && this.direction == Direction.DOWNSTREAM) {
			this.cutBudget = this.state.claimCut();
		}
		return this.cutBudget;
	}

	private void schedule(long delayNanos) {
		// The pending timer is never later than the head, whose due time only moves forward.
		if (this.timer == null) {
			this.timer = this.destination.eventLoop().schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void onTimer() {
		this.timer = null;
		drain();
	}

	/**
	 * Close the destination once everything scheduled has been written.
	 */
	void closeWhenDrained() {
		if (!this.discarded) {
			this.closeWhenDrained = true;
			drain();
		}
	}

	/**
	 * Drop everything scheduled and everything offered from now on, for a destination that is
	 * gone or a connection that is being reset.
	 */
	void discard() {
		this.discarded = true;
		this.closeWhenDrained = false;
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
		Chunk chunk;
		while ((chunk = this.queue.poll()) != null) {
			chunk.data().release();
		}
		this.pendingBytes = 0;
	}

	/**
	 * Whether the source should stop being read until this direction drains, with hysteresis
	 * on the bytes waiting.
	 * @return whether too much is waiting or the destination is not writable
	 */
	boolean congested() {
		if (this.pendingBytes > MAX_PENDING_BYTES) {
			this.congested = true;
		}
		else if (this.pendingBytes <= RESUME_PENDING_BYTES) {
			this.congested = false;
		}
		return this.congested || !this.destination.isWritable();
	}

	private static int pieceSize(long bytesPerSecond) {
		if (bytesPerSecond <= 0) {
			return Integer.MAX_VALUE;
		}
		return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_PIECE_BYTES, bytesPerSecond / 100));
	}

	private static long later(long nanos, long otherNanos) {
		return (nanos - otherNanos >= 0) ? nanos : otherNanos;
	}

	private record Chunk(ByteBuf data, long dueNanos) {
	}

}
