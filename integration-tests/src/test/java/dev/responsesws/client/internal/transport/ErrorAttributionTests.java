package dev.responsesws.client.internal.transport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static dev.responsesws.client.internal.transport.WebSocketConnectionTests.connect;
import static dev.responsesws.client.internal.transport.WebSocketConnectionTests.request;
import static dev.responsesws.client.internal.transport.WebSocketConnectionTests.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of which turn of a {@link WebSocketConnection} an {@code error} frame fails.
 */
class ErrorAttributionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final CompletableFuture<Void> release = new CompletableFuture<>();

	private WebSocketConnection connection;

	@BeforeEach
	void open() {
		this.connection = connect(settings(server.webSocketUrl(), "sk-test", Duration.ofMinutes(1)));
	}

	@AfterEach
	void releaseAndClose() {
		this.release.complete(null);
		this.connection.close().block(TIMEOUT);
	}

	@Test
	void refusalOfATurnQueuedOnTheDefaultLaneFailsOnlyThatTurn() {
		Flux<ResponseEvent> running = startHeld(request("running"));
		StepVerifier.create(this.connection.send(request("refused").toBuilder().extra("background", true).build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
					(refusal) -> assertThat(refusal.code()).isEqualTo("unsupported_parameter")))
			.verify(TIMEOUT);
		this.release.complete(null);
		assertCompleted(running, "held");
		assertCompleted(this.connection.send(request("next")), "You said: next");
	}

	@Test
	void refusalOfATurnBehindARunningOneOnItsLaneTakesItOutOfTheLane() {
		Flux<ResponseEvent> running = startHeld(request("running").toBuilder().streamId("a").build());
		StepVerifier.create(this.connection.send(request("refused").toBuilder()
			.streamId("a")
			.extra("background", true)
			.build())).expectError(ResponsesApiException.class).verify(TIMEOUT);
		Flux<ResponseEvent> next = this.connection.send(request("next").toBuilder().streamId("a").build())
			.replay()
			.autoConnect(0);
		this.release.complete(null);
		assertCompleted(running, "held");
		assertCompleted(next, "You said: next");
	}

	@Test
	void errorOfALaneFailsOnlyThatLanesTurn() {
		Flux<ResponseEvent> running = startHeld(request("running").toBuilder().streamId("a").build());
		StepVerifier.create(this.connection.send(request("missing").toBuilder()
			.streamId("b")
			.store(false)
			.previousResponseId("resp_unknown")
			.build()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class,
					(refusal) -> assertThat(refusal.code()).isEqualTo("previous_response_not_found")))
			.verify(TIMEOUT);
		this.release.complete(null);
		assertCompleted(running, "held");
	}

	@Test
	void errorThatNoTurnWaitsForFailsEveryRunningTurnAndTheConnectionStaysOpen() {
		String unattributed = "{\"type\":\"error\",\"status\":500,\"error\":{\"type\":\"server_error\","
				+ "\"code\":\"server_error\",\"message\":\"Something went wrong\",\"param\":null}}";
		DisposableServer scripted = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws(MockResponsesServer.PATH, (in, out) -> out.sendString(in.receive()
				.asString()
				.index()
				.concatMap((received) -> (received.getT1() == 1) ? Flux.just(created("a"), created("b"), unattributed,
						completed("a"), completed("b")) : Flux.empty()))))
			.bindNow(TIMEOUT);
		URI url = URI.create("ws://127.0.0.1:" + scripted.port() + MockResponsesServer.PATH);
		WebSocketConnection started = connect(settings(url, "sk-test", Duration.ofMinutes(1)));
		try {
			Flux<ResponseEvent> a = started.send(request("a").toBuilder().streamId("a").build()).replay().autoConnect(0);
			Flux<ResponseEvent> b = started.send(request("b").toBuilder().streamId("b").build()).replay().autoConnect(0);
			for (Flux<ResponseEvent> turn : List.of(a, b)) {
				StepVerifier.create(turn)
					.expectNextMatches(ResponseCreatedEvent.class::isInstance)
					.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(
							ResponsesApiException.class, (failure) -> assertThat(failure.code()).isEqualTo("server_error")))
					.verify(TIMEOUT);
			}
			assertThat(started.isOpen()).isTrue();
		}
		finally {
			started.close().block(TIMEOUT);
			scripted.disposeNow(TIMEOUT);
		}
	}

	@Test
	void aServerThatIgnoresLanesAnswersEachLaneTurnInTheOrderTheyWereSent() {
		DisposableServer ignoringLanes = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws(MockResponsesServer.PATH, (in, out) -> out.sendString(in.receive()
				.asString()
				.index()
				.concatMap((received) -> {
					String number = String.valueOf(received.getT1());
					return Flux.just(untagged(created(number)), untagged(completed(number)));
				}))))
			.bindNow(TIMEOUT);
		URI url = URI.create("ws://127.0.0.1:" + ignoringLanes.port() + MockResponsesServer.PATH);
		WebSocketConnection started = connect(settings(url, "sk-test", Duration.ofMinutes(1)));
		try {
			List<Flux<ResponseEvent>> turns = List.of("a", "b", "a").stream()
				.map((lane) -> started.send(request(lane).toBuilder().streamId(lane).build()).replay().autoConnect(0))
				.toList();
			for (int i = 0; i < turns.size(); i++) {
				String id = "resp_" + i;
				StepVerifier.create(turns.get(i))
					.expectNextMatches((event) -> event instanceof ResponseCreatedEvent created
							&& created.response().id().equals(id))
					.expectNextMatches((event) -> event instanceof ResponseCompletedEvent completed
							&& completed.response().id().equals(id))
					.expectComplete()
					.verify(TIMEOUT);
			}
		}
		finally {
			started.close().block(TIMEOUT);
			ignoringLanes.disposeNow(TIMEOUT);
		}
	}

	/** A frame as a server without lanes sends it: without {@code stream_id}. */
	private static String untagged(String frame) {
		return frame.replaceAll(",\\s*\"stream_id\"\\s*:\\s*\"[^\"]*\"", "");
	}

	/** Start a turn whose response holds after {@code response.in_progress} until the test releases it. */
	private Flux<ResponseEvent> startHeld(CreateResponse request) {
		server.enqueue(OutputPlan.text("held").holdUntil(this.release));
		Flux<ResponseEvent> events = this.connection.send(request).replay().autoConnect(0);
		StepVerifier.create(events.take(2))
			.expectNextMatches(ResponseCreatedEvent.class::isInstance)
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		return events;
	}

	private static void assertCompleted(Flux<ResponseEvent> events, String text) {
		StepVerifier.create(events.last())
			.assertNext((last) -> assertThat(last).isInstanceOfSatisfying(ResponseCompletedEvent.class,
					(completed) -> assertThat(completed.response().outputText()).isEqualTo(text)))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static String created(String lane) {
		return "{\"type\":\"response.created\",\"sequence_number\":0,\"stream_id\":\"" + lane + "\",\"response\":"
				+ "{\"id\":\"resp_" + lane + "\",\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}";
	}

	private static String completed(String lane) {
		return "{\"type\":\"response.completed\",\"sequence_number\":1,\"stream_id\":\"" + lane + "\",\"response\":"
				+ "{\"id\":\"resp_" + lane + "\",\"object\":\"response\",\"status\":\"completed\",\"output\":[]}}";
	}

}
