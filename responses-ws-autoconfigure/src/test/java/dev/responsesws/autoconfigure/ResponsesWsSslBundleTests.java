package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLHandshakeException;

import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code responses.ws.ssl.bundle}: the client trusts a simulator serving a certificate made at
 * run time only through the named SSL bundle, over both transports.
 */
class ResponsesWsSslBundleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path directory;

	private static MockResponsesServer server;

	private static Path certificatePem;

	@BeforeAll
	static void start() throws IOException, CertificateEncodingException {
		SelfSignedCertificate certificate = SelfSignedCertificate.create();
		server = MockResponsesServer.builder().apiKey("sk-test").tls(certificate.serverContext()).start();
		X509Certificate x509 = certificate.trustManager().getAcceptedIssuers()[0];
		certificatePem = directory.resolve("simulator.pem");
		Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(x509.getEncoded())
				+ "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, SslAutoConfiguration.class,
				ResponsesWsAutoConfiguration.class))
		.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=sk-test",
				"responses.ws.pool.acquire-timeout=3s");

	private ApplicationContextRunner withBundle() {
		return this.contextRunner
			.withPropertyValues("spring.ssl.bundle.pem.simulator.truststore.certificate=file:" + certificatePem);
	}

	@ParameterizedTest
	@EnumSource(TransportMode.class)
	void turnSucceedsWhenTheBundleTrustsTheServer(TransportMode transport) {
		assertThat(server.httpBaseUrl().getScheme()).isEqualTo("https");
		withBundle().withPropertyValues("responses.ws.ssl.bundle=simulator", "responses.ws.transport=" + transport)
			.run((context) -> StepVerifier.create(context.getBean(ResponsesSession.class).execute(request()))
				.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: hello"))
				.expectComplete()
				.verify(TIMEOUT));
	}

	@ParameterizedTest
	@EnumSource(TransportMode.class)
	void handshakeFailsWhenTheBundleIsDefinedButNotNamed(TransportMode transport) {
		withBundle().withPropertyValues("responses.ws.transport=" + transport)
			.run((context) -> StepVerifier.create(context.getBean(ResponsesSession.class).execute(request()))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(TransportException.class)
					.hasCauseInstanceOf(SSLHandshakeException.class))
				.verify(TIMEOUT));
	}

	@Test
	void unknownBundleIsAFailureReportNamingTheProperty() {
		withBundle().withPropertyValues("responses.ws.ssl.bundle=corporate-proxy").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("responses.ws.ssl.bundle")
				.contains("'corporate-proxy'")
				.contains("does not exist")
				.contains("defined: simulator");
			assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.corporate-proxy.truststore.certificate");
		});
	}

	@Test
	void bundleWithoutSslBundlesIsAFailureReport() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
			.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.ssl.bundle=simulator")
			.run((context) -> {
				FailureAnalysis analysis = new ResponsesWsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("responses.ws.ssl.bundle").contains("no SSL bundles");
				assertThat(analysis.getAction()).contains("spring.ssl.bundle");
			});
	}

	private static CreateResponse request() {
		return CreateResponse.builder().model("m").input(InputMessage.user("hello")).build();
	}

}
