package dev.responsesws.test;

import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * Counts the bytes the server's sockets accepted: a write counts once it has been handed to the
 * operating system, so bytes still waiting in the channel because the client does not read do
 * not. A write completes only when all of it is written, so large buffers are written in slices
 * of {@value #SLICE} bytes, each counted on its own. Sits at the head of each connection's
 * pipeline, where every write is encoded bytes.
 */
final class WrittenBytesCounter extends ChannelOutboundHandlerAdapter {

	static final String NAME = "mockResponses.writtenBytes";

	static final int SLICE = 16 * 1024;

	private final LongAdder written;

	WrittenBytesCounter(LongAdder written) {
		this.written = written;
	}

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
		if (!(message instanceof ByteBuf buffer) || !buffer.isReadable()) {
			context.write(message, promise);
			return;
		}
		if (buffer.readableBytes() <= SLICE) {
			context.write(buffer, counted(promise.unvoid(), buffer.readableBytes()));
			return;
		}
		PromiseCombiner slices = new PromiseCombiner(context.executor());
		try {
			while (buffer.isReadable()) {
				int size = Math.min(SLICE, buffer.readableBytes());
				ChannelPromise slice = counted(context.newPromise(), size);
				slices.add(slice);
				context.write(buffer.readRetainedSlice(size), slice);
			}
		}
		finally {
			buffer.release();
		}
		slices.finish(promise);
	}

	private ChannelPromise counted(ChannelPromise promise, int size) {
		promise.addListener((future) -> {
			if (future.isSuccess()) {
				this.written.add(size);
			}
		});
		return promise;
	}

}
