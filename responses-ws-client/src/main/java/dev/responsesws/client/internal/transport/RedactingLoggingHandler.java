package dev.responsesws.client.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.logging.ByteBufFormat;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import reactor.netty.NettyPipeline;

/**
 * Wire logging that masks secrets. When the application switches Reactor Netty's wire logging
 * on ({@code HttpClient.wiretap}), its handler would dump the upgrade request's bytes, the
 * {@code Authorization} header included; this handler takes its place, with the same level and
 * a plain or hex dump format, and logs the bytes with every secret header value replaced by
 * asterisks, in the text and the hex alike.
 */
final class RedactingLoggingHandler extends LoggingHandler {

	private static final String CATEGORY = "reactor.netty.http.client.HttpClient";

	private final List<byte[]> secrets;

	private RedactingLoggingHandler(LogLevel level, ByteBufFormat format, List<byte[]> secrets) {
		super(CATEGORY, level, format);
		this.secrets = secrets;
	}

	/**
	 * Replace the wire logging handler of a channel, if there is one, by a redacting one.
	 * @param channel the channel being initialized
	 * @param secrets the values to mask, for example the {@code Authorization} header's
	 */
	static void replaceIn(Channel channel, Collection<String> secrets) {
		ChannelHandler existing = channel.pipeline().get(NettyPipeline.LoggingHandler);
		if (existing instanceof LoggingHandler logging && !(existing instanceof RedactingLoggingHandler)) {
			List<byte[]> bytes = new ArrayList<>();
			for (String secret : secrets) {
				if (secret.length() >= 4) {
					bytes.add(secret.getBytes(StandardCharsets.UTF_8));
				}
			}
			channel.pipeline()
				.replace(NettyPipeline.LoggingHandler, NettyPipeline.LoggingHandler,
						new RedactingLoggingHandler(logging.level(), formatOf(logging), bytes));
		}
	}

	/** Reactor Netty's textual format has no Netty equivalent: it becomes a hex dump, which shows the text too. */
	private static ByteBufFormat formatOf(LoggingHandler logging) {
		try {
			return logging.byteBufFormat();
		}
		catch (UnsupportedOperationException ex) {
			return ByteBufFormat.HEX_DUMP;
		}
	}

	@Override
	protected String format(ChannelHandlerContext context, String eventName, Object message) {
		if (message instanceof ByteBuf buffer) {
			ByteBuf masked = mask(buffer);
			try {
				return super.format(context, eventName, masked);
			}
			finally {
				masked.release();
			}
		}
		if (message instanceof ByteBufHolder holder) {
			ByteBuf masked = mask(holder.content());
			try {
				return super.format(context, eventName, masked);
			}
			finally {
				masked.release();
			}
		}
		return mask(super.format(context, eventName, message));
	}

	@Override
	protected String format(ChannelHandlerContext context, String eventName, Object first, Object second) {
		return mask(super.format(context, eventName, first, second));
	}

	private ByteBuf mask(ByteBuf buffer) {
		byte[] bytes = new byte[buffer.readableBytes()];
		buffer.getBytes(buffer.readerIndex(), bytes);
		for (byte[] secret : this.secrets) {
			for (int i = indexOf(bytes, secret, 0); i >= 0; i = indexOf(bytes, secret, i + secret.length)) {
				java.util.Arrays.fill(bytes, i, i + secret.length, (byte) '*');
			}
		}
		return Unpooled.wrappedBuffer(bytes);
	}

	private String mask(String text) {
		String masked = text;
		for (byte[] secret : this.secrets) {
			masked = masked.replace(new String(secret, StandardCharsets.UTF_8), "******");
		}
		return masked;
	}

	private static int indexOf(byte[] bytes, byte[] secret, int from) {
		outer: for (int i = from; i <= bytes.length - secret.length; i++) {
			for (int j = 0; j < secret.length; j++) {
				if (bytes[i + j] != secret[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
