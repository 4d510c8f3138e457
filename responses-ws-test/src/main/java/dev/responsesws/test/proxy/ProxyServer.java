package dev.responsesws.test.proxy;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

/**
 * The Netty side of a {@link NetworkProxy}: one small event loop group of daemon threads named
 * {@code network-proxy-*}, the listening channel, and the registry of open connections. Each
 * accepted client is paired with a new upstream connection on the client's event loop, or reset
 * at once while the proxy refuses connections.
 */
final class ProxyServer {

	private static final int THREADS = 2;

	private static final int CLOSE_TIMEOUT_SECONDS = 5;

	private final ProxyState state;

	private final Bootstrap upstreamBootstrap;

	private final EventLoopGroup group;

	private final Channel server;

	private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();

	/**
	 * Bind the listening channel.
	 * @param host the address to listen on
	 * @param port the port to listen on, 0 for a free one
	 * @param upstream the server's address
	 * @param state the proxy's settings and counters
	 */
	ProxyServer(String host, int port, InetSocketAddress upstream, ProxyState state) {
		this.state = state;
		this.upstreamBootstrap = new Bootstrap().channel(NioSocketChannel.class)
			.option(ChannelOption.AUTO_READ, false)
			.option(ChannelOption.TCP_NODELAY, true)
			.remoteAddress(upstream);
		this.group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("network-proxy", true),
				NioIoHandler.newFactory());
		try {
			this.server = new ServerBootstrap().group(this.group)
				.channel(NioServerSocketChannel.class)
				.childOption(ChannelOption.AUTO_READ, false)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel client) {
						accept(client);
					}
				})
				.bind(host, port)
				.syncUninterruptibly()
				.channel();
		}
		catch (RuntimeException ex) {
			this.group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw ex;
		}
	}

	private void accept(SocketChannel client) {
		if (this.state.refusing()) {
			ProxyConnection.abort(client);
			return;
		}
		ProxyConnection connection = new ProxyConnection(client, this.upstreamBootstrap, this.state);
		this.connections.add(connection);
		connection.start(() -> this.connections.remove(connection));
	}

	int port() {
		return ((InetSocketAddress) this.server.localAddress()).getPort();
	}

	int openConnections() {
		return this.connections.size();
	}

	void forEachConnection(Consumer<ProxyConnection> action) {
		this.connections.forEach(action);
	}

	/**
	 * Stop listening, close every channel and shut the threads down, waiting for that a few
	 * seconds at most, and not at all on the proxy's own threads, where waiting would deadlock.
	 */
	void close() {
		this.server.close();
		// reset every connection before the loops stop, rather than rely on the shutdown to close them
		this.connections.forEach(ProxyConnection::reset);
		Future<?> terminated = this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		if (!onOwnThread()) {
			terminated.awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
	}

	private boolean onOwnThread() {
		for (EventExecutor executor : this.group) {
			if (executor.inEventLoop()) {
				return true;
			}
		}
		return false;
	}

}
