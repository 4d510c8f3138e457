package dev.responsesws.test.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The handler at the end of each side's pipeline: it hands what the side reads to its
 * {@link ProxyConnection} and tells it when the side closes, fails or changes writability.
 * The handler consumes the events; nothing follows it in the pipeline.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

	private final ProxyConnection connection;

	private final Direction readDirection;

	/**
	 * Create the handler of one side.
	 * @param connection the connection the side belongs to
	 * @param readDirection the direction of the bytes this side reads: {@code UPSTREAM} for the
	 * client side, {@code DOWNSTREAM} for the server side
	 */
	RelayHandler(ProxyConnection connection, Direction readDirection) {
		this.connection = connection;
		this.readDirection = readDirection;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof ByteBuf data) {
			this.connection.relay(this.readDirection, data);
		}
		else {
			ReferenceCountUtil.release(message);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		this.connection.sideClosed(this.readDirection);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext context) {
		this.connection.updateReading();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		// An I/O error, typically a reset by the peer, is passed on as a reset of both sides.
		this.connection.reset();
	}

}
