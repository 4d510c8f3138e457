package dev.responsesws.test.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on the loopback address that sits between a client and a server to emulate a real
 * network and real faults. It works on bytes, so WebSocket and HTTP, handshakes and TLS alike,
 * are delayed.
 *
 * <p>Each chunk read is forwarded at its arrival time plus the one-way delay of its direction,
 * in order: delays overlap, so a stream keeps its throughput and only its latency grows. A
 * bandwidth cap spaces the chunks out. At most about 1 MiB waits per direction and connection;
 * beyond that, or when the receiving side is slow, the proxy stops reading and TCP flow control
 * pushes back on the sender. When one side closes, the other is closed once what is already
 * scheduled for it has been written.
 *
 * <p>Faults are injected on command: {@link #resetAll()}, {@link #stall()} and
 * {@link #resume()}, {@link #cutAfter(long)}, {@link #refuseConnections(boolean)}. A failed
 * connection to the upstream server resets the client's connection.
 *
 * <pre>{@code
 * try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port())
 *         .roundTripTime(Duration.ofMillis(20))
 *         .start()) {
 *     // point the client at proxy.host():proxy.port()
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. The proxy runs on a small event loop group of daemon threads
 * named {@code network-proxy-*}, released by {@link #close()}.
 */
public final class NetworkProxy implements AutoCloseable {

	private static final String HOST = "127.0.0.1";

	private final ProxyState state;

	private final ProxyServer server;

	private final AtomicBoolean closed = new AtomicBoolean();

	private NetworkProxy(Builder builder) {
		this.state = new ProxyState(builder.upstreamDelay.toNanos(), builder.downstreamDelay.toNanos(),
				builder.bandwidth);
		this.server = new ProxyServer(HOST, builder.port,
				new InetSocketAddress(builder.upstreamHost, builder.upstreamPort), this.state);
	}

	/**
	 * Create a builder of a proxy to the given server.
	 * @param upstreamHost the server's host
	 * @param upstreamPort the server's port
	 * @return the builder, with no delay, no bandwidth cap and a random port
	 */
	public static Builder builder(String upstreamHost, int upstreamPort) {
		return new Builder(upstreamHost, upstreamPort);
	}

	/**
	 * Return the port the proxy listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Return the address the proxy listens on.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Change the added round-trip time, half in each direction, for the bytes read from now on;
	 * bytes already scheduled keep their time.
	 * @param roundTripTime the added round-trip time
	 */
	public void roundTripTime(Duration roundTripTime) {
		long nanos = requireNotNegative(roundTripTime, "roundTripTime").toNanos();
		this.state.delays(nanos / 2, nanos - nanos / 2);
	}

	/**
	 * Abort every open connection now, on both sides, with a TCP reset (SO_LINGER 0, then
	 * close). What was scheduled on them is dropped.
	 */
	public void resetAll() {
		this.server.forEachConnection(ProxyConnection::reset);
	}

	/**
	 * Stop forwarding in both directions on every connection, current and new. The proxy stops
	 * reading, so it holds at most what it had already read, and TCP flow control pushes back
	 * on both ends.
	 */
	public void stall() {
		this.state.stalled(true);
		this.server.forEachConnection(ProxyConnection::stallChanged);
	}

	/**
	 * Forward again after {@link #stall()}, starting with what was held; held bytes that are
	 * overdue go out at once.
	 */
	public void resume() {
		this.state.stalled(false);
		this.server.forEachConnection(ProxyConnection::stallChanged);
	}

	/**
	 * Arm a one-shot cut: the next connection that forwards bytes from the server to the client
	 * is reset on both sides after {@code bytes} more bytes to the client. Arming again replaces
	 * a cut that no connection has taken yet.
	 * @param bytes the bytes forwarded to the client before the reset, 0 to reset before any
	 */
	public void cutAfter(long bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("bytes must not be negative");
		}
		this.state.armCut(bytes);
	}

	/**
	 * Refuse new connections, or accept them again. While refusing, each accepted connection is
	 * reset at once without contacting the upstream server; open connections are not affected.
	 * @param refuse whether to refuse
	 */
	public void refuseConnections(boolean refuse) {
		this.state.refusing(refuse);
	}

	/**
	 * Return the number of connections through the proxy with a side still open.
	 * @return the count
	 */
	public int openConnections() {
		return this.server.openConnections();
	}

	/**
	 * Return the bytes forwarded from clients to the server, over all connections.
	 * @return the total
	 */
	public long bytesUpstream() {
		return this.state.bytesForwarded(Direction.UPSTREAM);
	}

	/**
	 * Return the bytes forwarded from the server to clients, over all connections.
	 * @return the total
	 */
	public long bytesDownstream() {
		return this.state.bytesForwarded(Direction.DOWNSTREAM);
	}

	/**
	 * Stop listening, close every connection and release the threads. Waits a few seconds at
	 * most, and not at all when called from the proxy's own threads.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.server.close();
	}

	private static Duration requireNotNegative(Duration duration, String name) {
		if (Objects.requireNonNull(duration, name).isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return duration;
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
			this.upstreamHost = Objects.requireNonNull(upstreamHost, "upstreamHost");
			this.upstreamPort = requirePort(upstreamPort, "upstreamPort");
		}

		/**
		 * Add a round-trip time, split half per direction; replaces both one-way delays.
		 * @param roundTripTime the added round-trip time
		 * @return this builder
		 */
		public Builder roundTripTime(Duration roundTripTime) {
			Duration half = requireNotNegative(roundTripTime, "roundTripTime").dividedBy(2);
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
			this.upstreamDelay = requireNotNegative(delay, "delay");
			return this;
		}

		/**
		 * Delay the bytes from server to client.
		 * @param delay the one-way delay
		 * @return this builder
		 */
		public Builder downstreamDelay(Duration delay) {
			this.downstreamDelay = requireNotNegative(delay, "delay");
			return this;
		}

		/**
		 * Cap the bandwidth of each direction of each connection.
		 * @param bytesPerSecond the cap, 0 (the default) for none
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
		 * Set the port to listen on.
		 * @param port the port, 0 (the default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = (port == 0) ? 0 : requirePort(port, "port");
			return this;
		}

		/**
		 * Start the proxy, bound on {@code 127.0.0.1}.
		 * @return the running proxy
		 */
		public NetworkProxy start() {
			return new NetworkProxy(this);
		}

		private static int requirePort(int port, String name) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(name + " must be between 1 and 65535");
			}
			return port;
		}

	}

}
