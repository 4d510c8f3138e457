package dev.responsesws.test.proxy;

import java.util.concurrent.RejectedExecutionException;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

/**
 * One client connection through the proxy and its connection to the upstream server, both on
 * the client's event loop, so that nothing here is shared across threads.
 *
 * <p>It owns a {@link DelayScheduler} per direction and decides when each side is read: only
 * once the upstream is connected, never while the proxy is stalled, and not while the direction
 * it feeds is congested. When one side closes, the other is closed after what is already
 * scheduled for it has been written; a {@link #reset()} aborts both sides with a TCP RST.
 */
final class ProxyConnection {

	private final Channel client;

	private final Channel upstream;

	private final ChannelFuture connected;

	private final ProxyState state;

	private final DelayScheduler toServer;

	private final DelayScheduler toClient;

	private int openChannels = 2;

	/**
	 * Start connecting to the upstream server for a client that was just accepted. Nothing is
	 * read from either side before {@link #start(Runnable)}.
	 * @param client the accepted client channel, not reading yet
	 * @param upstreamBootstrap the bootstrap of upstream connections, without event loop
	 * @param state the proxy's settings and counters
	 */
	ProxyConnection(Channel client, Bootstrap upstreamBootstrap, ProxyState state) {
		this.client = client;
		this.state = state;
		// The handler only stores the reference: nothing is read before start(), on this same loop.
		this.connected = upstreamBootstrap.clone(client.eventLoop())
			.handler(new RelayHandler(this, Direction.DOWNSTREAM))
			.connect();
		this.upstream = this.connected.channel();
		this.toServer = new DelayScheduler(Direction.UPSTREAM, this.upstream, state, this);
		this.toClient = new DelayScheduler(Direction.DOWNSTREAM, client, state, this);
	}

	/**
	 * Relay the client once the upstream is connected, or reset it if the connection fails.
	 * @param onClosed called on the event loop once both channels are closed
	 */
	void start(Runnable onClosed) {
		Runnable channelClosed = () -> {
			if (--this.openChannels == 0) {
				onClosed.run();
			}
		};
		this.client.closeFuture().addListener((future) -> channelClosed.run());
		this.upstream.closeFuture().addListener((future) -> channelClosed.run());
		this.client.pipeline().addLast(new RelayHandler(this, Direction.UPSTREAM));
		this.connected.addListener((ChannelFuture future) -> {
			if (future.isSuccess()) {
				updateReading();
			}
			else {
				reset();
			}
		});
	}

	/**
	 * Schedule a chunk read from one side for the other.
	 * @param direction the direction the chunk travels
	 * @param data the chunk, now owned by the connection
	 */
	void relay(Direction direction, ByteBuf data) {
		((direction == Direction.UPSTREAM) ? this.toServer : this.toClient).offer(data);
	}

	/**
	 * Turn reading of each side on or off according to the connection state, the stall and
	 * the congestion of the direction it feeds.
	 */
	void updateReading() {
		if (!this.connected.isSuccess()) {
			return;
		}
		boolean forwarding = !this.state.stalled();
		autoRead(this.client, forwarding && !this.toServer.congested());
		autoRead(this.upstream, forwarding && !this.toClient.congested());
	}

	private static void autoRead(Channel channel, boolean read) {
		if (channel.isOpen() && channel.config().isAutoRead() != read) {
			channel.config().setAutoRead(read);
		}
	}

	/**
	 * React to a side that closed: the other side gets what is scheduled for it, then closes.
	 * @param direction the direction of the bytes the closed side was sending
	 */
	void sideClosed(Direction direction) {
		if (direction == Direction.UPSTREAM) {
			this.toClient.discard();
			this.toServer.closeWhenDrained();
		}
		else {
			this.toServer.discard();
			this.toClient.closeWhenDrained();
		}
	}

	/**
	 * Apply the proxy's stall setting after it changed: stop reading, or forward what was held
	 * and read again.
	 */
	void stallChanged() {
		onEventLoop(() -> {
			this.toServer.drain();
			this.toClient.drain();
		});
	}

	/**
	 * Abort both sides now with a TCP RST, dropping whatever is scheduled.
	 */
	void reset() {
		onEventLoop(() -> {
			this.toServer.discard();
			this.toClient.discard();
			abort(this.client);
			abort(this.upstream);
		});
	}

	private void onEventLoop(Runnable task) {
		EventLoop loop = this.client.eventLoop();
		if (loop.inEventLoop()) {
			task.run();
			return;
		}
		try {
			loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// The proxy is closing and its event loop closes every channel anyway.
		}
	}

	/**
	 * Close a channel with a TCP RST rather than a FIN, by setting SO_LINGER to 0 first.
	 * @param channel the channel
	 */
	static void abort(Channel channel) {
		if (!channel.isOpen()) {
			return;
		}
		try {
			channel.config().setOption(ChannelOption.SO_LINGER, 0);
		}
		catch (ChannelException ex) {
			// A socket that cannot take the option any more is closed all the same.
		}
		channel.close();
	}

}
