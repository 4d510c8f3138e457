package dev.responsesws.client.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that redirects the upgrade or the request elsewhere: the redirect is not followed,
 * so the key never reaches the other origin, and the turn fails with the status.
 */
class RedirectTests {

	@Test
	void redirectsAreNotFollowedOverEitherTransport() {
		AtomicInteger reachedOther = new AtomicInteger();
		DisposableServer other = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			reachedOther.incrementAndGet();
			return response.sendString(reactor.core.publisher.Mono.just("stolen"));
		}).bindNow();
		DisposableServer redirecting = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.status(307)
				.header("Location", "http://127.0.0.1:" + other.port() + "/v1/responses")
				.send())
			.bindNow();
		try {
			for (TransportMode transport : TransportMode.values()) {
				try (ResponsesSession session = ResponsesSession.builder()
					.baseUrl("http://127.0.0.1:" + redirecting.port() + "/v1")
					.apiKey("sk-secret")
					.transport(transport)
					.fallbackToHttp(false)
					.build()) {
					StepVerifier.create(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hi")).build()))
						.expectErrorSatisfies((error) -> {
							if (transport == TransportMode.WEBSOCKET) {
								assertThat(error).isInstanceOfSatisfying(HandshakeRejectedException.class,
										(rejected) -> assertThat(rejected.status()).isEqualTo(307));
							}
							else {
								assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
										(api) -> assertThat(api.status()).isEqualTo(307));
							}
						})
						.verify(Duration.ofSeconds(10));
				}
			}
			assertThat(reachedOther.get()).isZero();
		}
		finally {
			redirecting.disposeNow();
			other.disposeNow();
		}
	}

}
