package dev.responsesws.client.session;

import java.time.Duration;

import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
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

	@Test
	void certificateForAnotherHostIsRefusedAndTheRightOneIsAccepted() {
		assertThat(turnOver(SelfSignedCertificate.forHost("wrong.example")))
			.as("failed at once, not retried until the acquire timeout")
			.isInstanceOf(TransportException.class)
			.hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
		assertThat(turnOver(SelfSignedCertificate.create())).isNull();
	}

	/** @return the failure of a turn against a TLS server with this certificate, trusted, or null */
	private Throwable turnOver(SelfSignedCertificate certificate) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(certificate.serverContext()))
			.handle((request, response) -> response.sendWebsocket((in, out) -> out.sendString(Mono.just(
					"{\"type\":\"response.completed\",\"sequence_number\":0,\"response\":{\"id\":\"r\",\"status\":\"completed\"}}"))
				.then(in.receive().then())))
			.bindNow();
		try (ResponsesSession session = ResponsesSession.builder()
			.baseUrl("https://127.0.0.1:" + server.port() + "/v1")
			.apiKey("sk-tls")
			.queue(8, Duration.ofSeconds(3))
			// the server answers without reading the request, so its event carries no lane
			.lanes(LaneMode.OFF, 16)
			.httpClient((client) -> client.secure((spec) -> spec.sslContext(certificate.clientContext())))
			.build()) {
			Throwable[] failure = new Throwable[1];
			StepVerifier.create(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build())
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

}
