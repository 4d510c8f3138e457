package dev.responsesws.test.proxy;

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.test.proxy.LoopbackServer.Ending;
import dev.responsesws.test.NettyLeakDetection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.responsesws.test.proxy.Sockets.await;
import static dev.responsesws.test.proxy.Sockets.connect;
import static dev.responsesws.test.proxy.Sockets.readFully;
import static dev.responsesws.test.proxy.Sockets.readToEnd;
import static dev.responsesws.test.proxy.Sockets.roundTrip;
import static dev.responsesws.test.proxy.Sockets.writeInBackground;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what {@link NetworkProxy} forwards and when: intact bytes both ways, added delays,
 * the bandwidth cap and closes passed on, over real loopback sockets.
 */
@ExtendWith(NettyLeakDetection.class)
class NetworkProxyRelayTests {

	@ParameterizedTest(name = "round-trip time {0} ms")
	@ValueSource(ints = { 0, 20 })
	void largePayloadPassesIntactBothWaysAndIsCounted(int roundTripMillis) throws Exception {
		byte[] payload = new byte[8 * 1024 * 1024];
		new Random(roundTripMillis).nextBytes(payload);
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port())
					.roundTripTime(Duration.ofMillis(roundTripMillis))
					.start();
				Socket socket = connect(proxy)) {
			CompletableFuture<Void> written = writeInBackground(socket, payload);
			byte[] echoed = readFully(socket, payload.length);
			await(written);
			assertThat(Arrays.mismatch(echoed, payload)).as("index of the first wrong byte").isEqualTo(-1);
			assertThat(proxy.bytesUpstream()).isEqualTo(payload.length);
			assertThat(proxy.bytesDownstream()).isEqualTo(payload.length);
		}
	}

	@Test
	void streamFromTheServerArrivesInOrderThenTheCloseIsPassedOn() throws Exception {
		int length = 3 * 1024 * 1024;
		try (LoopbackServer server = LoopbackServer.sending(length);
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port())
					.downstreamDelay(Duration.ofMillis(30))
					.start();
				Socket socket = connect(proxy)) {
			byte[] received = readFully(socket, length);
			for (int i = 0; i < length; i++) {
				if (received[i] != LoopbackServer.streamByte(i)) {
					throw new AssertionError("unexpected byte at " + i);
				}
			}
			assertThat(readToEnd(socket)).isEqualTo(Ending.EOF);
			assertThat(proxy.bytesDownstream()).isEqualTo(length);
			Sockets.awaitNoConnections(proxy);
		}
	}

	@Test
	void roundTripTimeIsAddedToARequestAndItsResponse() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port())
					.roundTripTime(Duration.ofMillis(100))
					.start();
				Socket socket = connect(proxy)) {
			long start = System.nanoTime();
			roundTrip(socket, "ping");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		}
	}

	@Test
	void oneWayDelaysAddUp() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port())
					.upstreamDelay(Duration.ofMillis(80))
					.downstreamDelay(Duration.ofMillis(40))
					.start();
				Socket socket = connect(proxy)) {
			long start = System.nanoTime();
			roundTrip(socket, "ping");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
		}
	}

	@Test
	void roundTripTimeChangedAtRuntimeAppliesToNewBytes() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start();
				Socket socket = connect(proxy)) {
			roundTrip(socket, "fast");
			proxy.roundTripTime(Duration.ofMillis(200));
			long start = System.nanoTime();
			roundTrip(socket, "slow");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		}
	}

	@Test
	void bandwidthCapSpacesTheBytesOut() throws Exception {
		int length = 300_000;
		try (LoopbackServer server = LoopbackServer.sending(length);
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).bandwidth(1_000_000).start()) {
			long start = System.nanoTime();
			try (Socket socket = connect(proxy)) {
				assertThat(readFully(socket, length)).hasSize(length);
			}
			// Pieces of 10 ms at the rate: all but the last one are paced before it goes out.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}
	}

}
