package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.responsesws.autoconfigure.ConfigurationFailureReportsTests.analysis;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up connect or warm-up that fails (a refused key, a server out of reach, no answer in
 * time) stops the start-up with a report that says what failed and which properties to check,
 * against the simulator over real sockets.
 */
class StartupFailureReportsTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-right"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class));

	private ApplicationContextRunner withWrongKey() {
		return this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-wrong");
	}

	@Test
	void refusedKeyAtTheStartupConnectIsAReport() {
		withWrongKey().withPropertyValues("responses.ws.startup.connect=true", "responses.ws.pool.min-connections=1")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("start-up connect")
					.contains("HTTP status 401")
					.contains(server.webSocketUrl().toString())
					.doesNotContain("sk-wrong");
				assertThat(analysis.getAction()).contains("responses.ws.api-key")
					.contains("OPENAI_API_KEY")
					.contains("responses.ws.startup.connect");
			});
	}

	@Test
	void refusedKeyOnEveryConnectionOfAPoolIsOneReport() {
		withWrongKey().withPropertyValues("responses.ws.startup.connect=true", "responses.ws.pool.min-connections=3")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("HTTP status 401"));
	}

	@Test
	void refusedKeyAtTheStartupWarmupIsAReport() {
		withWrongKey().withPropertyValues("responses.ws.startup.warmup=true", "responses.ws.model=gpt-test")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("start-up warm-up").contains("401");
				assertThat(analysis.getAction()).contains("responses.ws.api-key");
			});
	}

	@Test
	void refusedKeyAtTheStartupProbeOverHttpIsAReport() {
		withWrongKey().withPropertyValues("responses.ws.startup.warmup=true", "responses.ws.transport=http")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("start-up warm-up").contains("401");
				assertThat(analysis.getAction()).contains("responses.ws.api-key");
			});
	}

	@Test
	void startupConnectOpensOneConnectionWhenTheMinimumIsZero() {
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-right",
					"responses.ws.startup.connect=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ResponsesSession.class).snapshot().connectionsOpen()).isEqualTo(1);
				assertThat(server.upgradeAttempts()).isEqualTo(1);
			});
		assertThat(server.upgradeAttempts()).isEqualTo(1);
		this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(),
				"responses.ws.api-key=sk-right")
			.run((context) -> assertThat(context.getBean(ResponsesSession.class).snapshot().connectionsOpen()).isZero());
		assertThat(server.upgradeAttempts()).as("no connect without startup.connect").isEqualTo(1);
	}

	@Test
	void serverWithoutWebSocketModeIsAReportOnlyWithoutTheFallback() {
		server.rejectUpgrades(426);
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-right",
					"responses.ws.startup.connect=true")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-right",
					"responses.ws.startup.connect=true", "responses.ws.fallback-to-http=false")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("HTTP status 426");
				assertThat(analysis.getAction()).contains("responses.ws.transport=http");
			});
	}

	@Test
	void unreachableServerAtTheStartupConnectIsAReport() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("responses.ws.base-url=http://127.0.0.1:" + closedPort + "/v1",
					"responses.ws.api-key=sk-right", "responses.ws.startup.connect=true",
					"responses.ws.connection.connect-timeout=1s")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("start-up connect")
					.contains("could not reach the server at http://127.0.0.1:" + closedPort + "/v1");
				assertThat(analysis.getAction()).contains("responses.ws.base-url");
			});
	}

	@Test
	void serverThatNeverAnswersTheUpgradeIsAReportOfTheConnectTimeout() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
			this.contextRunner
				.withPropertyValues("responses.ws.base-url=http://127.0.0.1:" + silent.getLocalPort() + "/v1",
						"responses.ws.api-key=sk-right", "responses.ws.startup.connect=true",
						"responses.ws.connection.connect-timeout=300ms")
				.run((context) -> {
					FailureAnalysis analysis = analysis(context);
					assertThat(analysis.getDescription()).contains("start-up connect").contains("did not finish");
					assertThat(analysis.getAction()).contains("responses.ws.connection.connect-timeout")
						.contains("responses.ws.startup.timeout");
				});
		}
	}

	@Test
	void startupLongerThanTheStartupTimeoutIsAReport() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
			this.contextRunner
				.withPropertyValues("responses.ws.base-url=http://127.0.0.1:" + silent.getLocalPort() + "/v1",
						"responses.ws.api-key=sk-right", "responses.ws.startup.connect=true",
						"responses.ws.startup.timeout=300ms")
				.run((context) -> {
					FailureAnalysis analysis = analysis(context);
					assertThat(analysis.getDescription())
						.contains("did not finish within responses.ws.startup.timeout (300ms)")
						.contains("http://127.0.0.1:" + silent.getLocalPort() + "/v1");
					assertThat(analysis.getAction()).contains("responses.ws.startup.timeout");
				});
		}
	}

}
