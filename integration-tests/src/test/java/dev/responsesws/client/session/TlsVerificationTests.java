package dev.responsesws.client.session;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS hostname verification stays on: a certificate for another host fails the connection even
 * when the certificate itself is trusted; a certificate for the host works once trusted.
 */
class TlsVerificationTests {

	private static final String PASSWORD = "changeit";

	@TempDir
	Path directory;

	@Test
	void certificateForAnotherHostIsRefusedAndTheRightOneIsAccepted() throws Exception {
		Path wrongHost = keyStore("wrong", "CN=wrong.example", "dns:wrong.example");
		Path rightHost = keyStore("right", "CN=localhost", "ip:127.0.0.1,dns:localhost");
		assertThat(turnOver(wrongHost)).as("failed at once, not retried until the acquire timeout")
			.isInstanceOf(TransportException.class)
			.hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
		assertThat(turnOver(rightHost)).isNull();
	}

	/** @return the failure of a turn against a TLS server with this key store, or null */
	private Throwable turnOver(Path keyStore) throws Exception {
		KeyStore keys = load(keyStore);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD.toCharArray());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keys);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(build(SslContextBuilder.forServer(keyManagers))))
			.handle((request, response) -> response.sendWebsocket((in, out) -> out.sendString(Mono.just(
					"{\"type\":\"response.completed\",\"sequence_number\":0,\"response\":{\"id\":\"r\",\"status\":\"completed\"}}"))
				.then(in.receive().then())))
			.bindNow();
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl("https://127.0.0.1:" + server.port() + "/v1")
			.apiKey("sk-tls")
			.queue(8, Duration.ofSeconds(3))
			.httpClient((client) -> client.secure((spec) -> spec.sslContext(build(SslContextBuilder.forClient()
				.trustManager(trust)))))
			.build()) {
			Throwable[] failure = new Throwable[1];
			StepVerifier.create(session.execute(CreateResponse.builder().input(InputMessage.user("hi")).build())
				.doOnError((error) -> failure[0] = error)
				.onErrorResume((error) -> Mono.empty()))
				.thenConsumeWhile((response) -> true)
				.expectComplete()
				.verify(Duration.ofSeconds(15));
			return failure[0];
		}
		finally {
			server.disposeNow();
		}
	}

	private static io.netty.handler.ssl.SslContext build(SslContextBuilder builder) {
		try {
			return builder.build();
		}
		catch (javax.net.ssl.SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path keyStore(String name, String distinguishedName, String subjectAlternativeNames)
			throws IOException, InterruptedException {
		Path file = this.directory.resolve(name + ".p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname",
				distinguishedName, "-ext", "san=" + subjectAlternativeNames, "-storetype", "PKCS12", "-keystore",
				file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		assertThat(Files.exists(file)).isTrue();
		return file;
	}

	private static KeyStore load(Path file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream input = new FileInputStream(file.toFile())) {
			store.load(input, PASSWORD.toCharArray());
		}
		return store;
	}

}
