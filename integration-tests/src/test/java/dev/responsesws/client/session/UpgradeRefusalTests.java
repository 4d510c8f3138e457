package dev.responsesws.client.session;

import java.net.ServerSocket;
import java.time.Duration;

import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.NettyLeakDetection;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import reactor.test.util.LoggerUtils;
import reactor.test.util.TestLogger;
import reactor.util.Loggers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused WebSocket upgrade (401, or the 426 that makes the session fall back to HTTP) is an
 * expected answer: it is logged as one line by the client, with no stack trace and nothing from
 * Reactor Netty, and it gives its connection back. Unexpected connect failures keep their detail
 * at DEBUG.
 *
 * <p>Reactor Netty's loggers are created when its classes load, so the capture sees them only in
 * a JVM where it was installed first: the build runs this class in a JVM of its own.
 */
@ExtendWith(NettyLeakDetection.class)
class UpgradeRefusalTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	static {
		LoggerUtils.useCurrentLoggersWithCapture();
	}

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private final TestLogger log = new TestLogger(false);

	@AfterAll
	static void restoreLoggers() {
		Loggers.resetLoggerFactory();
	}

	@BeforeEach
	void captureLogs() {
		LoggerUtils.enableCaptureWith(this.log);
	}

	@AfterEach
	void stopCapturing() {
		LoggerUtils.disableCapture();
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void refusedKeyIsOneLineWithoutAStackTrace() {
		server.apiKey("sk-right");
		ResponsesSession session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-wrong").build();
		try {
			StepVerifier.create(session.probe()).expectError(HandshakeRejectedException.class).verify(TIMEOUT);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
		assertOneConciseLine("[ WARN]", "401");
	}

	@Test
	void fallbackToHttpIsOneLineWithoutAStackTrace() {
		server.rejectUpgrades(426);
		ResponsesSession session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
		try {
			StepVerifier.create(session.execute(request("hello")))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: hello"))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
		assertOneConciseLine("[ INFO]", "426");
	}

	@Test
	void refusedUpgradesGiveTheirConnectionBackToReactorNettysPool() {
		server.apiKey("sk-right");
		ConnectionProvider provider = ConnectionProvider.builder("one-connection")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofSeconds(5))
			.build();
		try {
			ResponsesSession session = ResponsesSession.builder()
				.baseUrl(server.httpBaseUrl())
				.apiKey("sk-wrong")
				.httpClient(HttpClient.create(provider))
				.build();
			try {
				for (int attempt = 0; attempt < 5; attempt++) {
					StepVerifier.create(session.probe()).expectError(HandshakeRejectedException.class).verify(TIMEOUT);
				}
			}
			finally {
				session.close(Duration.ofSeconds(5)).block(TIMEOUT);
			}
		}
		finally {
			provider.disposeLater().block(TIMEOUT);
		}
	}

	@Test
	void unexpectedConnectFailureKeepsItsDetailAtDebug() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ResponsesSession session = ResponsesSession.builder().baseUrl("http://127.0.0.1:" + closedPort + "/v1").build();
		try {
			StepVerifier.create(session.probe()).expectError(TransportException.class).verify(TIMEOUT);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
		assertThat(this.log.getOutContent()).containsPattern("\\[DEBUG\\] Could not open a WebSocket connection to "
				+ "ws://127.0.0.1:" + closedPort + "/v1/responses - .*Connection refused");
	}

	private void assertOneConciseLine(String level, String status) {
		String all = this.log.getOutContent() + this.log.getErrContent();
		assertThat(all.lines().filter((line) -> line.startsWith("[ INFO]") || line.startsWith("[ WARN]")
				|| line.startsWith("[ERROR]")))
			.as("entries at INFO and above in:%n%s", all)
			.singleElement(InstanceOfAssertFactories.STRING)
			.startsWith(level + " The WebSocket upgrade to " + server.webSocketUrl())
			.contains("HTTP status " + status);
		assertThat(all).doesNotContain("WebSocketClientHandshakeException")
			.doesNotContain("The connection observed an error")
			.doesNotContain("observed post termination");
	}

}
