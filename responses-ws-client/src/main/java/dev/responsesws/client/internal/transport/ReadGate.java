package dev.responsesws.client.internal.transport;

import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * Lets the socket be read only while a subscriber waits for the next message.
 *
 * <p>Reactor Netty reads on its own while fewer than 32 messages wait in its inbound queue, and
 * a message can be a whole aggregated frame of many megabytes. The gate sits in the pipeline and
 * holds back every read the channel asks for while it is shut; the reader that owns the channel
 * opens it when it has asked for a message that was not already queued, and shuts it as soon as
 * a message arrives. What the application holds for a paused subscriber is then the message it
 * waits with, plus what the one socket read under way when the gate shut brings in (Netty reads
 * at most 16 buffers of up to 64 KiB in one go). Beyond that, TCP pushes back on the server.
 *
 * <p>Open while no reader uses it, so handshakes, close frames and pooled HTTP connections read
 * as usual. Every method runs on the channel's event loop.
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {

	/** The name of the handler in the pipeline. */
	static final String NAME = "responsesws.readGate";

	private @Nullable ChannelHandlerContext context;

	private boolean open = true;

	private boolean readHeldBack;

	private boolean openForGood;

	/**
	 * Add a gate at the head of the channel's pipeline, where every read the channel asks for
	 * passes.
	 * @param channel the channel
	 */
	static void addTo(Channel channel) {
		if (channel.pipeline().get(NAME) == null) {
			channel.pipeline().addFirst(NAME, new ReadGate());
		}
	}

	/**
	 * Return the gate of a channel.
	 * @param channel the channel
	 * @return its gate, or {@code null} when none was added
	 */
	static @Nullable ReadGate of(Channel channel) {
		return (channel.pipeline().get(NAME) instanceof ReadGate gate) ? gate : null;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext context) {
		this.context = context;
	}

	@Override
	public void read(ChannelHandlerContext context) {
		if (this.open) {
			context.read();
		}
		else {
			this.readHeldBack = true;
		}
	}

	/**
	 * Ask the upstream of a reader for one message, and open the gate unless that message was
	 * already queued (delivered during the request).
	 * @param upstream the subscription to Reactor Netty's inbound messages
	 * @param delivered tells, after the request, whether the message arrived
	 */
	void requestOne(Subscription upstream, BooleanSupplier delivered) {
		upstream.request(1);
		if (!delivered.getAsBoolean()) {
			open();
		}
	}

	/** Let reads through again, including one held back while shut. */
	void open() {
		if (this.open) {
			return;
		}
		this.open = true;
		ChannelHandlerContext context = this.context;
		if (this.readHeldBack && context != null) {
			this.readHeldBack = false;
			context.read();
		}
	}

	/** Hold back the reads the channel asks for until {@link #open()}. */
	void shut() {
		if (!this.openForGood) {
			this.open = false;
		}
	}

	/** Let every read through from now on, for a connection that closes and must read the peer's close. */
	void openForGood() {
		this.openForGood = true;
		open();
	}

}
