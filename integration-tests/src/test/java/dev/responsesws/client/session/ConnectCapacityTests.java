package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.proxy.NetworkProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ResponsesSession#connect()} holds pool capacity only while it is subscribed: assembled
 * and never subscribed, cancelled, or failed, it leaves every slot to later turns.
 */
class ConnectCapacityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private static ResponsesSession.Builder session(String baseUrl) {
		return ResponsesSession.builder()
			.baseUrl(baseUrl)
			.connections(2, 2)
			.queue(16, Duration.ofSeconds(3))
			.reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void connectThatIsNeverSubscribedTakesNoCapacity() {
		ResponsesSession session = session(server.httpBaseUrl().toString()).build();
		try {
			session.connect();
			assertThat(session.snapshot().connectionsConnecting()).isZero();
			assertTwoConcurrentTurnsComplete(session);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	@Test
	void cancelledConnectGivesItsCapacityBack() {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port()).start()) {
			ResponsesSession session = session("http://127.0.0.1:" + proxy.port() + "/v1").build();
			try {
				proxy.stall();
				assertThatIllegalStateException().isThrownBy(() -> session.connect().block(Duration.ofMillis(300)));
				assertThat(session.snapshot().connectionsConnecting()).isZero();
				proxy.resume();
				assertTwoConcurrentTurnsComplete(session);
			}
			finally {
				session.close(Duration.ofSeconds(5)).block(TIMEOUT);
			}
		}
	}

	@Test
	void failedConnectGivesTheCapacityOfEveryAttemptBack() {
		server.apiKey("sk-right");
		ResponsesSession session = session(server.httpBaseUrl().toString()).apiKey("sk-wrong")
			.reconnectBackoff(Duration.ofMillis(300), Duration.ofMillis(300))
			.build();
		try {
			// the first is refused by the server, the second at once, inside the refusal's
			// back-off window
			StepVerifier.create(session.connect()).expectError(HandshakeRejectedException.class).verify(TIMEOUT);
			StepVerifier.create(session.connect())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ConnectBackoffException.class)
					.cause()
					.isInstanceOf(HandshakeRejectedException.class))
				.verify(TIMEOUT);
			assertThat(session.snapshot().connectionsConnecting()).isZero();
			server.apiKey(null);
			assertTwoConcurrentTurnsComplete(session);
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(TIMEOUT);
		}
	}

	/**
	 * Two turns at once need both slots. A turn in a refusal's back-off window fails at once,
	 * so they are retried after longer than the window.
	 */
	private static void assertTwoConcurrentTurnsComplete(ResponsesSession session) {
		Mono<List<Response>> turns = Flux.merge(session.execute(request("one")), session.execute(request("two")))
			.collectList()
			.retryWhen(reactor.util.retry.Retry.fixedDelay(10, Duration.ofMillis(500))
				.filter((error) -> error instanceof HandshakeRejectedException || error instanceof ConnectBackoffException));
		StepVerifier.create(turns)
			.assertNext((responses) -> assertThat(responses).extracting(Response::outputText)
				.containsExactlyInAnyOrder("You said: one", "You said: two"))
			.expectComplete()
			.verify(TIMEOUT);
	}

}
