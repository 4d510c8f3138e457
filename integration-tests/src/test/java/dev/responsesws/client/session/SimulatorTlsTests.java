package dev.responsesws.client.session;

import java.nio.file.Path;
import java.time.Duration;

import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The simulator serves {@code wss} and {@code https} with a certificate made at run time, and
 * the client verifies it.
 */
class SimulatorTlsTests {

	private static SelfSignedCertificate certificate;

	private static MockResponsesServer server;

	@BeforeAll
	static void start() {
		certificate = SelfSignedCertificate.create();
		server = MockResponsesServer.builder().tls(certificate.serverContext()).start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(TransportMode.class)
	void turnRunsOverTlsWhenTheClientTrustsTheCertificate(TransportMode transport) {
		assertThat(server.httpBaseUrl().getScheme()).isEqualTo("https");
		assertThat(server.webSocketUrl().getScheme()).isEqualTo("wss");
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl().toString())
			.transport(transport)
			.httpClient((client) -> client.secure((spec) -> spec.sslContext(certificate.clientContext())))
			.build()) {
			assertTurnCompletes(session);
		}
	}

	@ParameterizedTest
	@EnumSource(TransportMode.class)
	void turnFailsWhenTheClientDoesNotTrustTheCertificate(TransportMode transport) {
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl().toString())
			.transport(transport)
			.queue(8, Duration.ofSeconds(3))
			.build()) {
			StepVerifier.create(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hello")).build()))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
					.hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class))
				.verify(Duration.ofSeconds(20));
		}
	}

	@Test
	void certificateWrittenToAFileIsTrustedWhenLoadedBack(@TempDir Path directory) {
		char[] password = "benchmark-secret".toCharArray();
		Path keyStore = directory.resolve("localhost.p12");
		SelfSignedCertificate written = SelfSignedCertificate.create(keyStore, password);
		SelfSignedCertificate loaded = SelfSignedCertificate.load(keyStore, password);
		try (MockResponsesServer secured = MockResponsesServer.builder().tls(written.serverContext()).start();
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl(secured.httpBaseUrl().toString())
					.httpClient((client) -> client.secure((spec) -> spec.sslContext(loaded.clientContext())))
					.build()) {
			assertTurnCompletes(session);
		}
	}

	private static void assertTurnCompletes(ResponsesSession session) {
		StepVerifier.create(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hello")).build()))
			.assertNext((response) -> assertThat(response.status()).isEqualTo("completed"))
			.expectComplete()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void clientContextIsRefusedAsServerContext() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MockResponsesServer.builder().tls(certificate.clientContext()))
			.withMessageContaining("server context");
	}

}
