package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The blocking methods of {@link Conversation}: the same turns and chains as the reactive ones,
 * each wait bounded by its timeout, and refused on Reactor's non-blocking threads.
 */
class ConversationBlockingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	private final CompletableFuture<Void> release = new CompletableFuture<>();

	@BeforeEach
	void open() {
		this.session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
	}

	@AfterEach
	void close() {
		this.release.complete(null);
		this.session.close();
	}

	private Conversation conversation() {
		return Conversation.builder(this.session)
			.settings(CreateResponse.builder().model("test-model").instructions("Be brief.").store(false).build())
			.build();
	}

	@Test
	void askAnswersAndChainsTheNextTurn() {
		Conversation conversation = conversation();
		assertThat(conversation.ask("one", TIMEOUT)).isEqualTo("You said: one");
		String firstId = conversation.lastResponseId();
		assertThat(conversation.ask("two", TIMEOUT)).isEqualTo("You said: two");
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).requireRequest().previousResponseId()).isEqualTo(firstId);
		assertThat(requests.get(1).requireRequest().input()).containsExactly(InputMessage.user("two").tree());
	}

	@Test
	void callReturnsTheFinalResponse() {
		server.enqueue(OutputPlan.text("Paris"));
		Response response = conversation().call(TIMEOUT, InputMessage.user("Capital of France?"));
		assertThat(response.status()).isEqualTo("completed");
		assertThat(response.outputText()).isEqualTo("Paris");
	}

	@Test
	void streamDeliversTheEventsInOrder() {
		server.enqueue(OutputPlan.tokens(40));
		Conversation conversation = conversation();
		List<ResponseEvent> events;
		try (Stream<ResponseEvent> stream = conversation.stream(TIMEOUT, InputMessage.user("count"))) {
			events = stream.toList();
		}
		String text = events.stream()
			.filter(OutputTextDeltaEvent.class::isInstance)
			.map((event) -> ((OutputTextDeltaEvent) event).delta())
			.collect(Collectors.joining());
		assertThat(events).last().isInstanceOf(ResponseCompletedEvent.class);
		assertThat(text).isNotEmpty().isEqualTo(((ResponseCompletedEvent) events.get(events.size() - 1)).response().outputText());
		assertThat(conversation.lastResponseId()).isNotNull();
	}

	@Test
	void runBlockingReturnsTheAgentsOutcome() {
		server.responder(Responders.toolLoop("step", 3));
		AgentResult result = conversation().runBlocking("Run the steps", List.of(AgentLoopTests.stepTool()),
				AgentOptions.DEFAULTS, TIMEOUT);
		assertThat(result.answer()).isEqualTo(AgentLoopTests.expectedAnswer(3));
		assertThat(result.toolCalls()).isEqualTo(3);
		assertThat(result.stopReason()).isEqualTo(AgentResult.StopReason.ANSWERED);
	}

	@Test
	void askGivesUpAtItsTimeoutAndTheConversationGoesOn() {
		server.enqueue(OutputPlan.text("late").holdUntil(this.release));
		Conversation conversation = conversation();
		assertThatExceptionOfType(ResponsesTimeoutException.class)
			.isThrownBy(() -> conversation.ask("hello", Duration.ofMillis(300)))
			.withMessageContaining("Conversation.ask")
			.satisfies((error) -> assertThat(error.timeout()).isEqualTo(Duration.ofMillis(300)));
		this.release.complete(null);
		assertThat(conversation.ask("again", TIMEOUT)).isEqualTo("You said: again");
	}

	@Test
	void streamGivesUpAtItsTimeout() {
		server.enqueue(OutputPlan.text("late").holdUntil(this.release));
		Conversation conversation = conversation();
		try (Stream<ResponseEvent> stream = conversation.stream(Duration.ofMillis(300), InputMessage.user("hello"))) {
			assertThatExceptionOfType(ResponsesTimeoutException.class).isThrownBy(stream::toList)
				.withMessageContaining("Conversation.stream");
		}
	}

	@Test
	void runBlockingGivesUpAtItsTimeout() {
		server.enqueue(OutputPlan.text("late").holdUntil(this.release));
		assertThatExceptionOfType(ResponsesTimeoutException.class)
			.isThrownBy(() -> conversation().runBlocking("go", List.of(), AgentOptions.DEFAULTS, Duration.ofMillis(300)))
			.withMessageContaining("Conversation.runBlocking");
	}

	@Test
	void blockingOnANonBlockingThreadIsRefusedBeforeAnythingIsSent() {
		Conversation conversation = conversation();
		StepVerifier.create(Mono.fromCallable(() -> conversation.ask("hello", TIMEOUT)).subscribeOn(Schedulers.parallel()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Conversation.ask is blocking, which is not supported in thread parallel-"))
			.verify(TIMEOUT);
		StepVerifier
			.create(Mono.fromCallable(() -> conversation.stream(TIMEOUT, InputMessage.user("hello")))
				.subscribeOn(Schedulers.parallel()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Conversation.stream is blocking"))
			.verify(TIMEOUT);
		assertThat(server.recordedRequests()).isEmpty();
		assertThat(conversation.ask("now from a plain thread", TIMEOUT)).isEqualTo("You said: now from a plain thread");
	}

	@Test
	void timeoutMustBePositive() {
		Conversation conversation = conversation();
		assertThatIllegalArgumentException().isThrownBy(() -> conversation.ask("hello", Duration.ZERO))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> conversation.call(Duration.ofSeconds(-1)))
			.withMessageContaining("must be positive");
	}

}
