package dev.responsesws.test.proxy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.responsesws.test.NettyLeakDetection;
import dev.responsesws.test.proxy.LoopbackServer.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.responsesws.test.proxy.Sockets.assertNothingArrives;
import static dev.responsesws.test.proxy.Sockets.awaitNoConnections;
import static dev.responsesws.test.proxy.Sockets.connect;
import static dev.responsesws.test.proxy.Sockets.readFully;
import static dev.responsesws.test.proxy.Sockets.readText;
import static dev.responsesws.test.proxy.Sockets.readToEnd;
import static dev.responsesws.test.proxy.Sockets.roundTrip;
import static dev.responsesws.test.proxy.Sockets.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the faults {@link NetworkProxy} injects, and of its lifecycle, over real loopback
 * sockets.
 */
@ExtendWith(NettyLeakDetection.class)
class NetworkProxyFaultTests {

	@Test
	void resetAllResetsBothSidesOfEveryConnection() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start();
				Socket first = connect(proxy);
				Socket second = connect(proxy)) {
			roundTrip(first, "one");
			roundTrip(second, "two");
			assertThat(proxy.openConnections()).isEqualTo(2);
			proxy.resetAll();
			assertThat(readToEnd(first)).isEqualTo(Ending.RESET);
			assertThat(readToEnd(second)).isEqualTo(Ending.RESET);
			assertThat(echo.nextEnding()).isEqualTo(Ending.RESET);
			assertThat(echo.nextEnding()).isEqualTo(Ending.RESET);
			awaitNoConnections(proxy);
		}
	}

	@Test
	void stallHoldsTheBytesOfCurrentAndNewConnectionsUntilResume() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start();
				Socket current = connect(proxy)) {
			roundTrip(current, "warm");
			proxy.stall();
			write(current, "held");
			try (Socket fresh = connect(proxy)) {
				write(fresh, "new");
				assertNothingArrives(current);
				assertNothingArrives(fresh);
				assertThat(proxy.bytesUpstream()).isEqualTo(4);
				proxy.resume();
				assertThat(readText(current, 4)).isEqualTo("held");
				assertThat(readText(fresh, 3)).isEqualTo("new");
			}
		}
	}

	@Test
	void cutAfterResetsTheNextConnectionAfterThatManyBytesOnce() throws Exception {
		int length = 1_000_000;
		try (LoopbackServer server = LoopbackServer.sending(length);
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).start()) {
			proxy.cutAfter(10_000);
			try (Socket cut = connect(proxy)) {
				long[] received = new long[1];
				assertThat(readToEnd(cut, received)).isEqualTo(Ending.RESET);
				assertThat(received[0]).isLessThanOrEqualTo(10_000);
			}
			assertThat(proxy.bytesDownstream()).isEqualTo(10_000);
			try (Socket next = connect(proxy)) {
				assertThat(readFully(next, length)).hasSize(length);
				assertThat(readToEnd(next)).isEqualTo(Ending.EOF);
			}
		}
	}

	@Test
	void cutAfterArmedOnAnOpenConnectionCountsFromNow() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start();
				Socket socket = connect(proxy)) {
			roundTrip(socket, "before the cut");
			proxy.cutAfter(5);
			write(socket, "0123456789");
			long[] received = new long[1];
			assertThat(readToEnd(socket, received)).isEqualTo(Ending.RESET);
			assertThat(received[0]).isLessThanOrEqualTo(5);
			assertThat(echo.nextEnding()).isEqualTo(Ending.RESET);
		}
	}

	@Test
	void refusedConnectionsAreResetWithoutReachingTheServerUntilAllowedAgain() throws Exception {
		try (LoopbackServer echo = LoopbackServer.echo();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start()) {
			proxy.refuseConnections(true);
			try (Socket refused = connect(proxy)) {
				assertThat(readToEnd(refused)).isEqualTo(Ending.RESET);
			}
			assertThat(echo.accepted()).isZero();
			assertThat(proxy.openConnections()).isZero();
			proxy.refuseConnections(false);
			try (Socket accepted = connect(proxy)) {
				roundTrip(accepted, "back");
			}
		}
	}

	@Test
	void failedUpstreamConnectionResetsTheClient() throws Exception {
		int closedPort;
		try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = gone.getLocalPort();
		}
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", closedPort).start();
				Socket socket = connect(proxy)) {
			assertThat(readToEnd(socket)).isEqualTo(Ending.RESET);
			awaitNoConnections(proxy);
		}
	}

	@Test
	void closeEndsTheConnectionsReleasesThePortAndStopsTheThreads() throws Exception {
		Set<Thread> earlierProxyThreads = proxyThreads();
		try (LoopbackServer echo = LoopbackServer.echo()) {
			NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", echo.port()).start();
			int port = proxy.port();
			try (Socket socket = connect(proxy)) {
				roundTrip(socket, "open");
				proxy.close();
				assertThat(readToEnd(socket)).isIn(Ending.EOF, Ending.RESET);
			}
			try (ServerSocket rebound = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
				assertThat(rebound.getLocalPort()).isEqualTo(port);
			}
			awaitNoProxyThreadsBut(earlierProxyThreads);
		}
	}

	private static void awaitNoProxyThreadsBut(Set<Thread> earlier) {
		await("the closed proxy's threads end").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Set<Thread> started = proxyThreads();
			started.removeAll(earlier);
			assertThat(started).as("threads of the closed proxy").isEmpty();
		});
	}

	private static Set<Thread> proxyThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("network-proxy-"))
			.collect(Collectors.toCollection(HashSet::new));
	}

}
