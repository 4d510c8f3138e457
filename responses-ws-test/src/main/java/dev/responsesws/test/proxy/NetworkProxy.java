package dev.responsesws.test.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A TCP proxy on the loopback address that sits between a client and a server to emulate a real
 * network and real faults. It works on bytes, so WebSocket and HTTP, handshakes and TLS alike,
 * are delayed.
 *
 * <p>Each chunk is forwarded at its arrival time plus the one-way delay of its direction, so a
 * stream keeps its throughput and only its latency grows; a bandwidth cap spaces the chunks out.
 * Faults are injected on command: {@link #resetAll()}, {@link #stall()} and {@link #resume()},
 * {@link #cutAfter(long)}, {@link #refuseConnections(boolean)}.
 *
 * <pre>{@code
 * try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port())
 *         .roundTripTime(Duration.ofMillis(20))
 *         .start()) {
 *     // point the client at 127.0.0.1:proxy.port()
 * }
 * }</pre>
 */
public final class NetworkProxy implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel server;

	private final String upstreamHost;

	private final int upstreamPort;

	private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicLong bytesUpstream = new AtomicLong();

	private final AtomicLong bytesDownstream = new AtomicLong();

	private final AtomicLong armedCut = new AtomicLong(-1);

	private volatile long upstreamDelayNanos;

	private volatile long downstreamDelayNanos;

	private volatile long bandwidth;

	private volatile boolean stalled;

	private volatile boolean refusing;

	private NetworkProxy(Builder builder) {
		this.upstreamHost = builder.upstreamHost;
		this.upstreamPort = builder.upstreamPort;
		this.upstreamDelayNanos = builder.upstreamDelay.toNanos();
		this.downstreamDelayNanos = builder.downstreamDelay.toNanos();
		this.bandwidth = builder.bandwidth;
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("network-proxy", true),
				NioIoHandler.newFactory());
		ChannelFuture bound = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.AUTO_READ, false)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					accepted(channel);
				}
			})
			.bind("127.0.0.1", builder.port)
			.syncUninterruptibly();
		this.server = bound.channel();
	}

	/**
	 * Create a builder for a proxy to the given server.
	 * @param upstreamHost the server's host
	 * @param upstreamPort the server's port
	 * @return the builder
	 */
	public static Builder builder(String upstreamHost, int upstreamPort) {
		return new Builder(upstreamHost, upstreamPort);
	}

	private void accepted(SocketChannel client) {
		ProxiedConnection connection = new ProxiedConnection(this, client);
		if (this.refusing) {
			client.eventLoop().execute(() -> ProxiedConnection.abort(client));
			return;
		}
		this.connections.add(connection);
		new Bootstrap().group(client.eventLoop())
			.channel(NioSocketChannel.class)
			.option(ChannelOption.AUTO_READ, false)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel upstream) {
				}
			})
			.connect(this.upstreamHost, this.upstreamPort)
			.addListener((ChannelFuture future) -> {
				if (!future.isSuccess()) {
					connection.reset();
					return;
				}
				Channel upstream = future.channel();
				connection.upstream = upstream;
				connection.toUpstream = new Relay(this, connection, upstream, false);
				connection.toClient = new Relay(this, connection, client, true);
				client.pipeline().addLast(connection.toUpstream);
				upstream.pipeline().addLast(connection.toClient);
				if (this.stalled) {
					return;
				}
				client.config().setAutoRead(true);
				upstream.config().setAutoRead(true);
			});
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return ((java.net.InetSocketAddress) this.server.localAddress()).getPort();
	}

	/**
	 * Return the address the proxy listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return "127.0.0.1";
	}

	/**
	 * Change the round-trip time, half in each direction, for bytes read from now on.
	 * @param roundTripTime the added round-trip time
	 */
	public void roundTripTime(Duration roundTripTime) {
		long half = roundTripTime.toNanos() / 2;
		this.upstreamDelayNanos = half;
		this.downstreamDelayNanos = roundTripTime.toNanos() - half;
	}

	/**
	 * Abort every open connection now, on both sides, with a TCP reset.
	 */
	public void resetAll() {
		for (ProxiedConnection connection : this.connections) {
			connection.client.eventLoop().execute(connection::reset);
		}
	}

	/**
	 * Stop forwarding in both directions on every connection, current and new; the bytes in
	 * flight wait, and TCP flow control pushes back on both ends.
	 */
	public void stall() {
		this.stalled = true;
		for (ProxiedConnection connection : this.connections) {
			connection.client.eventLoop().execute(connection::stall);
		}
	}

	/**
	 * Forward again after {@link #stall()}, starting with what was held.
	 */
	public void resume() {
		this.stalled = false;
		this.connections.forEach(ProxiedConnection::resume);
	}

	/**
	 * Arm a cut: the next connection that forwards bytes from the server to the client is reset
	 * on both sides after {@code bytes} more bytes. One-shot.
	 * @param bytes the bytes forwarded before the reset
	 */
	public void cutAfter(long bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative");
		}
		this.armedCut.set(bytes);
	}

	/**
	 * Reset new connections at once, as a host that refuses them, until switched back.
	 * @param refuse whether to refuse
	 */
	public void refuseConnections(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * Return the number of connections open through the proxy.
	 * @return the count
	 */
	public int openConnections() {
		return this.connections.size();
	}

	/**
	 * Return the bytes forwarded from clients to the server.
	 * @return the total
	 */
	public long bytesUpstream() {
		return this.bytesUpstream.get();
	}

	/**
	 * Return the bytes forwarded from the server to clients.
	 * @return the total
	 */
	public long bytesDownstream() {
		return this.bytesDownstream.get();
	}

	/**
	 * Close every connection and stop listening.
	 */
	@Override
	public void close() {
		this.server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		for (ProxiedConnection connection : this.connections) {
			connection.client.eventLoop().execute(connection::reset);
		}
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	long delayNanos(boolean downstream) {
		return downstream ? this.downstreamDelayNanos : this.upstreamDelayNanos;
	}

	long bandwidth() {
		return this.bandwidth;
	}

	boolean isStalled() {
		return this.stalled;
	}

	long claimCut() {
		return this.armedCut.getAndSet(-1);
	}

	void countForwarded(boolean downstream, long bytes) {
		(downstream ? this.bytesDownstream : this.bytesUpstream).addAndGet(bytes);
	}

	void removed(ProxiedConnection connection) {
		this.connections.remove(connection);
	}

	/**
	 * Builds and starts a {@link NetworkProxy}.
	 */
	public static final class Builder {

		private final String upstreamHost;

		private final int upstreamPort;

		private Duration upstreamDelay = Duration.ZERO;

		private Duration downstreamDelay = Duration.ZERO;

		private long bandwidth;

		private int port;

		private Builder(String upstreamHost, int upstreamPort) {
			this.upstreamHost = Objects.requireNonNull(upstreamHost);
			this.upstreamPort = upstreamPort;
		}

		/**
		 * Add a round-trip time, half in each direction.
		 * @param roundTripTime the added round-trip time
		 * @return this builder
		 */
		public Builder roundTripTime(Duration roundTripTime) {
			Duration half = roundTripTime.dividedBy(2);
			this.upstreamDelay = half;
			this.downstreamDelay = roundTripTime.minus(half);
			return this;
		}

		/**
		 * Delay the bytes from client to server.
		 * @param delay the one-way delay
		 * @return this builder
		 */
		public Builder upstreamDelay(Duration delay) {
			this.upstreamDelay = Objects.requireNonNull(delay);
			return this;
		}

		/**
		 * Delay the bytes from server to client.
		 * @param delay the one-way delay
		 * @return this builder
		 */
		public Builder downstreamDelay(Duration delay) {
			this.downstreamDelay = Objects.requireNonNull(delay);
			return this;
		}

		/**
		 * Cap the bandwidth of each direction of each connection.
		 * @param bytesPerSecond the cap, 0 for none
		 * @return this builder
		 */
		public Builder bandwidth(long bytesPerSecond) {
			if (bytesPerSecond < 0) {
				throw new IllegalArgumentException("bytesPerSecond must not be negative");
			}
			this.bandwidth = bytesPerSecond;
			return this;
		}

		/**
		 * Set the port to listen on; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Start the proxy.
		 * @return the running proxy
		 */
		public NetworkProxy start() {
			return new NetworkProxy(this);
		}

	}

}
