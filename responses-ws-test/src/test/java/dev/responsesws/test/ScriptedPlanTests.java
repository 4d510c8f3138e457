package dev.responsesws.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.OutputItemAddedEvent;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.OutputTextDoneEvent;
import dev.responsesws.client.event.ReasoningSummaryPartAddedEvent;
import dev.responsesws.client.event.ReasoningSummaryPartDoneEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDeltaEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDoneEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseIncompleteEvent;
import dev.responsesws.client.event.ResponseInProgressEvent;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Response;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.responsesws.test.ConnectionStateTests.completed;
import static dev.responsesws.test.ConnectionStateTests.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of scripted {@link OutputPlan}s over WebSocket: reasoning, failed and incomplete
 * endings, long streams, faults, pacing, responder failures and the plan queue. Timings are
 * checked as lower bounds only.
 */
class ScriptedPlanTests {

	private static final EventDecoder DECODER = new EventDecoder();

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void reasoningThenText() {
		String summary = "First I add the numbers, then I check the result";
		server.enqueue(OutputPlan.reasoning(summary).thenText("The answer is 42"));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			List<ResponseEvent> events = exchange(socket, Requests.userRequest("What is 40 + 2?").build());
			assertThat(events).extracting(ResponseEvent::type)
				.startsWith("response.created", "response.in_progress", "response.output_item.added",
						"response.reasoning_summary_part.added", "response.reasoning_summary_text.delta")
				.endsWith("response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
						"response.output_item.done", "response.output_item.added", "response.content_part.added",
						"response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
						"response.output_text.delta", "response.output_text.done", "response.content_part.done",
						"response.output_item.done", "response.completed");
			for (int i = 0; i < events.size(); i++) {
				assertThat(events.get(i).sequenceNumber()).isEqualTo(i);
			}
			assertThat(events.get(3)).isInstanceOfSatisfying(ReasoningSummaryPartAddedEvent.class, (added) -> {
				assertThat(added.summaryIndex()).isZero();
				assertThat(added.part().text()).isEmpty();
			});
			assertThat(events).filteredOn(ReasoningSummaryPartDoneEvent.class::isInstance)
				.singleElement()
				.isInstanceOfSatisfying(ReasoningSummaryPartDoneEvent.class,
						(done) -> assertThat(done.part().text()).isEqualTo(summary));
			List<ReasoningSummaryTextDeltaEvent> deltas = events.stream()
				.filter(ReasoningSummaryTextDeltaEvent.class::isInstance)
				.map(ReasoningSummaryTextDeltaEvent.class::cast)
				.toList();
			assertThat(deltas).hasSize(10).allSatisfy((delta) -> {
				assertThat(delta.outputIndex()).isZero();
				assertThat(delta.summaryIndex()).isZero();
			});
			assertThat(String.join("", deltas.stream().map(ReasoningSummaryTextDeltaEvent::delta).toList()))
				.isEqualTo(summary);
			assertThat(events).filteredOn(ReasoningSummaryTextDoneEvent.class::isInstance)
				.singleElement()
				.isInstanceOfSatisfying(ReasoningSummaryTextDoneEvent.class,
						(done) -> assertThat(done.text()).isEqualTo(summary));
			assertThat(events).filteredOn(OutputTextDeltaEvent.class::isInstance)
				.allSatisfy((delta) -> assertThat(((OutputTextDeltaEvent) delta).outputIndex()).isEqualTo(1));
			Response response = completed(events);
			assertThat(response.output()).hasSize(2);
			assertThat(response.output().get(0)).isInstanceOfSatisfying(ReasoningItem.class,
					(reasoning) -> assertThat(reasoning.summary()).containsExactly(summary));
			assertThat(response.output().get(1)).isInstanceOfSatisfying(OutputMessage.class,
					(message) -> assertThat(message.text()).isEqualTo("The answer is 42"));
			assertThat(response.outputText()).isEqualTo("The answer is 42");
			assertThat(response.usage().reasoningTokens()).isEqualTo(10);
			assertThat(response.usage().outputTokens()).isEqualTo(14);
		}
	}

	@Test
	void failedResponseEndsWithTheErrorAndEvictsThePreviousResponse() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			Response first = completed(exchange(socket, Requests.userRequest("hello").store(false).build()));
			server.enqueue(OutputPlan.text("partial answer").failed("server_error", "boom"));
			List<ResponseEvent> events = exchange(socket,
					Requests.userRequest("next").store(false).previousResponseId(first.id()).build());
			assertThat(events).last().isInstanceOfSatisfying(ResponseFailedEvent.class, (failed) -> {
				assertThat(failed.response().status()).isEqualTo("failed");
				assertThat(failed.response().previousResponseId()).isEqualTo(first.id());
				assertThat(failed.response().error()).isNotNull();
				assertThat(failed.response().error().code()).isEqualTo("server_error");
				assertThat(failed.response().error().message()).isEqualTo("boom");
			});
			assertThat(events).filteredOn(ResponseEvent::isTerminal).hasSize(1);
			socket.send(Requests.create(Requests.userRequest("retry").store(false).previousResponseId(first.id()).build()));
			assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class, (error) -> {
				assertThat(error.status()).isEqualTo(400);
				assertThat(error.error().code()).isEqualTo("previous_response_not_found");
			});
			assertThat(completed(exchange(socket, Requests.userRequest("fresh").store(false).build())).outputText())
				.isEqualTo("You said: fresh");
		}
	}

	@Test
	void incompleteResponseEndsWithTheReasonAndCanBeContinued() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			server.enqueue(OutputPlan.text("cut short").incomplete("max_output_tokens"));
			List<ResponseEvent> events = exchange(socket, Requests.userRequest("write a lot").store(false).build());
			ResponseEvent last = events.get(events.size() - 1);
			assertThat(last).isInstanceOf(ResponseIncompleteEvent.class);
			Response incomplete = ((ResponseIncompleteEvent) last).response();
			assertThat(incomplete.status()).isEqualTo("incomplete");
			assertThat(incomplete.incompleteReason()).isEqualTo("max_output_tokens");
			assertThat(incomplete.error()).isNull();
			assertThat(incomplete.outputText()).isEqualTo("cut short");
			Response next = completed(exchange(socket,
					Requests.userRequest("go on").store(false).previousResponseId(incomplete.id()).build()));
			assertThat(next.usage().cachedInputTokens()).isPositive();
		}
	}

	@Test
	void longStreamWithoutFullTextEndsWithAPlaceholder() {
		server.enqueue(OutputPlan.tokens(5000).withoutFullText());
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			List<ResponseEvent> events = exchange(socket, Requests.userRequest("talk").build());
			List<OutputTextDeltaEvent> deltas = events.stream()
				.filter(OutputTextDeltaEvent.class::isInstance)
				.map(OutputTextDeltaEvent.class::cast)
				.toList();
			assertThat(deltas).hasSize(5000);
			long characters = deltas.stream().mapToLong((delta) -> delta.delta().length()).sum();
			String placeholder = "[" + characters + " characters streamed]";
			assertThat(events).filteredOn(OutputTextDoneEvent.class::isInstance)
				.singleElement()
				.isInstanceOfSatisfying(OutputTextDoneEvent.class,
						(done) -> assertThat(done.text()).isEqualTo(placeholder));
			Response response = completed(events);
			assertThat(response.outputText()).isEqualTo(placeholder);
			assertThat(response.usage().outputTokens()).isEqualTo(5000);
			assertThat(events.get(events.size() - 1).sequenceNumber()).isEqualTo(events.size() - 1);
		}
	}

	@Test
	void malformedFrameIsSentAndTheStreamGoesOn() {
		server.enqueue(OutputPlan.text("Hello world").malformedFrameAfter(2));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			assertThat(socket.nextEvent().type()).isEqualTo("response.created");
			assertThat(socket.nextEvent()).isInstanceOf(ResponseInProgressEvent.class);
			String malformed = socket.next();
			assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> DECODER.decode(malformed));
			List<ResponseEvent> rest = socket.untilTerminal();
			assertThat(rest.get(0)).isInstanceOf(OutputItemAddedEvent.class);
			for (int i = 0; i < rest.size(); i++) {
				assertThat(rest.get(i).sequenceNumber()).isEqualTo(i + 2);
			}
			assertThat(completed(rest).outputText()).isEqualTo("Hello world");
		}
	}

	@Test
	void malformedFrameAfterTheLastEventComesAfterTheTerminalEvent() {
		server.enqueue(OutputPlan.empty().malformedFrameAfter(3));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			assertThat(socket.untilTerminal()).extracting(ResponseEvent::type)
				.containsExactly("response.created", "response.in_progress", "response.completed");
			String malformed = socket.next();
			assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> DECODER.decode(malformed));
			assertThat(completed(exchange(socket, Requests.userRequest("again").build())).outputText())
				.isEqualTo("You said: again");
		}
	}

	@Test
	void closeAfterSendsACloseFrameWithTheStatus() {
		server.enqueue(OutputPlan.text("one two three four").closeAfter(3, 1011, "oops"));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			assertThat(socket.nextEvent().type()).isEqualTo("response.created");
			assertThat(socket.nextEvent().type()).isEqualTo("response.in_progress");
			assertThat(socket.nextEvent().type()).isEqualTo("response.output_item.added");
			WebSocketCloseStatus status = socket.awaitClosed();
			assertThat(status).isNotNull();
			assertThat(status.code()).isEqualTo(1011);
			assertThat(status.reasonText()).isEqualTo("oops");
			assertThat(socket.poll(Duration.ofMillis(200))).isNull();
		}
	}

	@Test
	void disconnectAfterDropsTheConnectionWithoutACloseFrame() {
		server.enqueue(OutputPlan.text("one two three four").disconnectAfter(2));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("hi"));
			assertThat(socket.nextEvent().type()).isEqualTo("response.created");
			assertThat(socket.nextEvent().type()).isEqualTo("response.in_progress");
			assertThat(socket.awaitClosed()).isNull();
			assertThat(socket.poll(Duration.ofMillis(200))).isNull();
		}
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			assertThat(completed(exchange(socket, Requests.userRequest("again").build())).outputText())
				.isEqualTo("You said: again");
		}
	}

	@Test
	void delayHoldsTheOutputBackAfterInProgress() {
		server.enqueue(OutputPlan.text("late").delay(Duration.ofMillis(300)));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			long sent = System.nanoTime();
			socket.send(Requests.user("hi"));
			assertThat(socket.nextEvent().type()).isEqualTo("response.created");
			assertThat(socket.nextEvent()).isInstanceOf(ResponseInProgressEvent.class);
			assertThat(socket.nextEvent()).isInstanceOf(OutputItemAddedEvent.class);
			// in_progress is sent as soon as the request arrives, so the time since sending is
			// at least the wait between in_progress and the first item
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(socket.untilTerminal()).last().isInstanceOf(ResponseCompletedEvent.class);
		}
	}

	@Test
	void serverTokenRatePacesTheDeltas() {
		server.tokenRate(50);
		server.enqueue(OutputPlan.tokens(10));
		assertThat(timeToComplete()).isGreaterThanOrEqualTo(Duration.ofMillis(175));
	}

	@Test
	void planTokenRatePacesTheDeltas() {
		server.enqueue(OutputPlan.tokens(10).tokenRate(50));
		assertThat(timeToComplete()).isGreaterThanOrEqualTo(Duration.ofMillis(175));
	}

	@Test
	void prefillCostDelaysTheFirstOutputItemByTheProcessedTokens() {
		server.prefillPerToken(Duration.ofMillis(1));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			long sent = System.nanoTime();
			socket.send(Requests.create(Requests.userRequest("p".repeat(1200)).build()));
			assertThat(socket.nextEvent().type()).isEqualTo("response.created");
			assertThat(socket.nextEvent().type()).isEqualTo("response.in_progress");
			assertThat(socket.nextEvent()).isInstanceOf(OutputItemAddedEvent.class);
			Duration firstItem = Duration.ofNanos(System.nanoTime() - sent);
			Response response = completed(socket.untilTerminal());
			long processed = response.usage().inputTokens();
			assertThat(processed).isGreaterThan(250);
			assertThat(firstItem).isGreaterThanOrEqualTo(Duration.ofMillis(processed));
		}
	}

	@Test
	void serverTimeSumsTheTurnsIncludingTheirPrefillAndResetClearsIt() {
		server.reset();
		assertThat(server.serverTime()).isZero();
		server.prefillPerToken(Duration.ofMillis(1));
		long processed = 0;
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			for (int turn = 0; turn < 2; turn++) {
				socket.send(Requests.create(Requests.userRequest("q".repeat(400)).build()));
				processed += completed(socket.untilTerminal()).usage().inputTokens();
			}
		}
		assertThat(processed).isGreaterThan(150);
		assertThat(server.serverTime()).isGreaterThanOrEqualTo(Duration.ofMillis(processed));
		server.reset();
		assertThat(server.serverTime()).isZero();
	}

	@Test
	void responderThatThrowsGivesAServerErrorAndTheConnectionStaysUsable() {
		AtomicInteger calls = new AtomicInteger();
		server.responder((turn) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("responder bug");
			}
			return Responders.defaultAgent().respond(turn);
		});
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("explode"));
			assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class, (error) -> {
				assertThat(error.status()).isEqualTo(500);
				assertThat(error.error().type()).isEqualTo("server_error");
				assertThat(error.error().message()).contains("IllegalStateException");
			});
			assertThat(completed(exchange(socket, Requests.userRequest("still there?").build())).outputText())
				.isEqualTo("You said: still there?");
		}
		assertThat(calls).hasValue(2);
	}

	@Test
	void enqueuedPlansAreUsedInOrderAcrossConnections() {
		server.enqueue(OutputPlan.text("first")).enqueue(OutputPlan.text("second")).enqueue(OutputPlan.text("third"));
		try (RawWebSocket a = RawWebSocket.connect(server.webSocketUrl());
				RawWebSocket b = RawWebSocket.connect(server.webSocketUrl())) {
			assertThat(completed(exchange(b, Requests.userRequest("1").build())).outputText()).isEqualTo("first");
			assertThat(completed(exchange(a, Requests.userRequest("2").build())).outputText()).isEqualTo("second");
			assertThat(completed(exchange(b, Requests.userRequest("3").build())).outputText()).isEqualTo("third");
			assertThat(completed(exchange(a, Requests.userRequest("4").build())).outputText())
				.isEqualTo("You said: 4");
		}
	}

	private static Duration timeToComplete() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			long sent = System.nanoTime();
			socket.send(Requests.user("go"));
			List<ResponseEvent> events = socket.untilTerminal();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
			assertThat(events).filteredOn(OutputTextDeltaEvent.class::isInstance).hasSize(10);
			assertThat(events).last().isInstanceOf(ResponseCompletedEvent.class);
			return elapsed;
		}
	}

}
