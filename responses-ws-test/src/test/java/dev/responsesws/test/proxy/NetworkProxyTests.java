package dev.responsesws.test.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link NetworkProxy} over real loopback sockets.
 */
class NetworkProxyTests {

	static {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
	}

	private static final int READ_TIMEOUT = 10_000;

	private EchoServer echo;

	@BeforeEach
	void start() throws IOException {
		this.echo = new EchoServer();
	}

	@AfterEach
	void stop() throws IOException {
		this.echo.close();
	}

	@Test
	void bytesPassThroughIntactBothWaysAndAreCounted() throws IOException {
		byte[] payload = new byte[8 * 1024 * 1024];
		new Random(42).nextBytes(payload);
		for (Duration rtt : new Duration[] { Duration.ZERO, Duration.ofMillis(20) }) {
			try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).roundTripTime(rtt).start();
					Socket socket = connect(proxy)) {
				Thread writer = new Thread(() -> {
					try {
						socket.getOutputStream().write(payload);
						socket.getOutputStream().flush();
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				});
				writer.start();
				byte[] echoed = socket.getInputStream().readNBytes(payload.length);
				assertThat(Arrays.equals(echoed, payload)).as("echo through %s", rtt).isTrue();
				assertThat(proxy.bytesUpstream()).isEqualTo(payload.length);
				assertThat(proxy.bytesDownstream()).isEqualTo(payload.length);
			}
		}
	}

	@Test
	void roundTripTimeIsAdded() throws IOException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port())
			.roundTripTime(Duration.ofMillis(100))
			.start(); Socket socket = connect(proxy)) {
			long start = System.nanoTime();
			socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = socket.getInputStream().readNBytes(4);
			assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("ping");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		}
	}

	@Test
	void resetAllAbortsOpenConnections() throws IOException, InterruptedException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).start();
				Socket socket = connect(proxy)) {
			roundTrip(socket, "hello");
			assertThat(proxy.openConnections()).isEqualTo(1);
			proxy.resetAll();
			assertThat(readsNothingMore(socket)).isTrue();
			awaitNoConnections(proxy);
		}
	}

	@Test
	void stallHoldsBytesUntilResume() throws IOException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).start();
				Socket socket = connect(proxy)) {
			roundTrip(socket, "warm");
			proxy.stall();
			socket.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
			socket.setSoTimeout(300);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> socket.getInputStream().read());
			socket.setSoTimeout(READ_TIMEOUT);
			proxy.resume();
			assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("held");
		}
	}

	@Test
	void cutAfterResetsTheNextStreamAfterThatManyBytes() throws IOException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).start();
				Socket socket = connect(proxy)) {
			proxy.cutAfter(10_000);
			socket.getOutputStream().write("STREAM 1000000\n".getBytes(StandardCharsets.US_ASCII));
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			try {
				socket.getInputStream().transferTo(received);
			}
			catch (IOException ex) {
				// the reset
			}
			assertThat(received.size()).isLessThanOrEqualTo(10_000);
		}
	}

	@Test
	void refusedConnectionsAreResetUntilAllowedAgain() throws IOException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).start()) {
			proxy.refuseConnections(true);
			try (Socket socket = connect(proxy)) {
				assertThat(readsNothingMore(socket)).isTrue();
			}
			proxy.refuseConnections(false);
			try (Socket socket = connect(proxy)) {
				roundTrip(socket, "back");
			}
		}
	}

	@Test
	void bandwidthCapSpacesTheBytesOut() throws IOException {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).bandwidth(1_000_000).start();
				Socket socket = connect(proxy)) {
			long start = System.nanoTime();
			socket.getOutputStream().write("STREAM 300000\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.getInputStream().readNBytes(300_000)).hasSize(300_000);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}
	}

	@Test
	void closeReleasesThePort() throws IOException {
		NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", this.echo.port()).start();
		int port = proxy.port();
		proxy.close();
		try (ServerSocket rebound = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
			assertThat(rebound.getLocalPort()).isEqualTo(port);
		}
	}

	private static Socket connect(NetworkProxy proxy) throws IOException {
		Socket socket = new Socket(proxy.host(), proxy.port());
		socket.setSoTimeout(READ_TIMEOUT);
		return socket;
	}

	private static void roundTrip(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		assertThat(new String(in.readNBytes(text.length()), StandardCharsets.US_ASCII)).isEqualTo(text);
	}

	/** Whether the socket ends (EOF or reset) without further data. */
	private static boolean readsNothingMore(Socket socket) {
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static void awaitNoConnections(NetworkProxy proxy) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(proxy.openConnections()).isZero();
	}

}
