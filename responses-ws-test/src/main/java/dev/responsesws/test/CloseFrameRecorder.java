package dev.responsesws.test;

import java.time.Instant;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Notes the first close frame a WebSocket connection of the simulator receives, before Reactor
 * Netty answers it, so that the record is what the client sent and never the simulator's own
 * close status.
 */
final class CloseFrameRecorder extends ChannelInboundHandlerAdapter {

	/** RFC 6455, 7.1.5: a close frame without a status code. */
	private static final int NO_STATUS = 1005;

	private final String connectionId;

	private volatile int code = RecordedClose.NO_CLOSE_FRAME;

	private volatile String reason = "";

	CloseFrameRecorder(String connectionId) {
		this.connectionId = connectionId;
	}

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		if (message instanceof CloseWebSocketFrame close && this.code == RecordedClose.NO_CLOSE_FRAME) {
			int status = close.statusCode();
			this.code = (status != -1) ? status : NO_STATUS;
			this.reason = (status != -1) ? close.reasonText() : "";
		}
		context.fireChannelRead(message);
	}

	/**
	 * Return how the connection ended, to be called once it has.
	 * @return the record
	 */
	RecordedClose recorded() {
		return new RecordedClose(this.connectionId, this.code, this.reason, Instant.now());
	}

}
