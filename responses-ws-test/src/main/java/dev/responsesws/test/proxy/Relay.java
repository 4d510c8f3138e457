package dev.responsesws.test.proxy;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Forwards the bytes read from one channel to another, each chunk at its arrival time plus the
 * one-way delay (so throughput is kept), no sooner than the bandwidth allows, and never more than
 * 1 MiB ahead of what the target has written: beyond that the source stops reading and TCP
 * pushes back. Both channels share one event loop, so no state here is shared across threads.
 */
final class Relay extends ChannelInboundHandlerAdapter {

	private static final long HIGH_WATER = 1024 * 1024;

	private static final long LOW_WATER = 256 * 1024;

	private final NetworkProxy proxy;

	private final ProxiedConnection connection;

	private final Channel target;

	private final boolean downstream;

	private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();

	private long lastDue;

	private long pending;

	Relay(NetworkProxy proxy, ProxiedConnection connection, Channel target, boolean downstream) {
		this.proxy = proxy;
		this.connection = connection;
		this.target = target;
		this.downstream = downstream;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (!(message instanceof ByteBuf buffer) || this.connection.isReset()) {
			ReferenceCountUtil.release(message);
			return;
		}
		int bytes = buffer.readableBytes();
		long now = System.nanoTime();
		long due = Math.max(now + this.proxy.delayNanos(this.downstream), this.lastDue);
		long bandwidth = this.proxy.bandwidth();
		if (bandwidth > 0) {
			due += bytes * 1_000_000_000L / bandwidth;
		}
		this.lastDue = due;
		this.pending += bytes;
		if (this.pending > HIGH_WATER) {
			context.channel().config().setAutoRead(false);
		}
		Channel source = context.channel();
		context.executor().schedule(() -> deliver(buffer, source), Math.max(0, due - now), TimeUnit.NANOSECONDS);
	}

	private void deliver(ByteBuf buffer, Channel source) {
		if (this.connection.isReset() || !this.target.isActive()) {
			buffer.release();
			return;
		}
		if (this.proxy.isStalled() || !this.held.isEmpty()) {
			this.held.add(buffer);
			return;
		}
		write(buffer, source);
	}

	private void write(ByteBuf buffer, Channel source) {
		int bytes = buffer.readableBytes();
		ByteBuf toWrite = buffer;
		boolean cut = false;
		if (this.downstream) {
			long allowed = this.connection.allowedBeforeCut(bytes);
			if (allowed < bytes) {
				toWrite = buffer.retainedSlice(buffer.readerIndex(), (int) allowed);
				buffer.release();
				cut = true;
			}
		}
		this.proxy.countForwarded(this.downstream, toWrite.readableBytes());
		boolean resetAfter = cut;
		this.target.writeAndFlush(toWrite).addListener((future) -> {
			this.pending -= bytes;
			if (resetAfter) {
				this.connection.reset();
			}
			else if (this.pending < LOW_WATER && !this.proxy.isStalled()) {
				source.config().setAutoRead(true);
			}
		});
	}

	/** Forward what was held while stalled. */
	void resume(Channel source) {
		while (!this.held.isEmpty() && !this.proxy.isStalled()) {
			write(this.held.poll(), source);
		}
		if (this.pending < LOW_WATER) {
			source.config().setAutoRead(true);
		}
	}

	/** The time by which everything scheduled will have been written. */
	long drainedBy() {
		return this.lastDue;
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		this.connection.sideClosed(context.channel(), this.lastDue);
		context.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext context) {
		this.held.forEach(ReferenceCountUtil::safeRelease);
		this.held.clear();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		this.connection.reset();
	}

}
