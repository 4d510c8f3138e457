package dev.responsesws.client.internal.transport;

import java.util.function.IntConsumer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

/**
 * Takes a refused WebSocket upgrade (any answer but 101) away from Reactor Netty, which would
 * otherwise fail the handshake with an exception it logs at WARN with its stack trace, and
 * reports the status instead. After a refusal everything read is dropped until the connection
 * closes; after an accepted upgrade the handler steps aside.
 */
final class UpgradeRefusalHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "responses-ws.upgradeRefusal";

	private final IntConsumer refused;

	private boolean refusal;

	/**
	 * Create a handler.
	 * @param refused told the status of a refused upgrade, on the event loop
	 */
	UpgradeRefusalHandler(IntConsumer refused) {
		this.refused = refused;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (this.refusal) {
			ReferenceCountUtil.release(message);
			return;
		}
		if (message instanceof HttpResponse response) {
			int status = response.status().code();
			if (status != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
				this.refusal = true;
				ReferenceCountUtil.release(message);
				// Reactor Netty would report the close of a connection whose handshake never
				// completed as an error, logged at WARN with its stack trace
				if (context.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
					context.pipeline().remove(NettyPipeline.ReactiveBridge);
				}
				this.refused.accept(status);
				context.close();
				return;
			}
			context.pipeline().remove(this);
		}
		context.fireChannelRead(message);
	}

}
