package dev.responsesws.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of lanes ({@code stream_id}): concurrency, tagging, limits and per-lane caches.
 */
class LaneTests {

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void lanesRunConcurrentlyWithEveryEventTaggedAndNumberedPerLane() {
		server.tokenRate(200);
		// both responses wait after in_progress until both lanes have started, so neither can
		// finish before the other began, however slowly the requests arrive
		CompletableFuture<Void> bothStarted = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("alpha beta gamma delta epsilon").holdUntil(bothStarted));
		server.enqueue(OutputPlan.text("one two three four five").holdUntil(bothStarted));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.create(Requests.userRequest("alpha beta gamma delta epsilon").streamId("a").build()));
			socket.send(Requests.create(Requests.userRequest("one two three four five").streamId("b").build()));
			Map<String, List<ResponseEvent>> byLane = new HashMap<>();
			List<String> arrival = new ArrayList<>();
			int terminals = 0;
			while (terminals < 2) {
				ResponseEvent event = socket.nextEvent();
				assertThat(event.streamId()).isIn("a", "b");
				byLane.computeIfAbsent(event.streamId(), (lane) -> new ArrayList<>()).add(event);
				arrival.add(event.streamId());
				terminals += event.isTerminal() ? 1 : 0;
				if (byLane.size() == 2) {
					bothStarted.complete(null);
				}
			}
			for (List<ResponseEvent> events : byLane.values()) {
				for (int i = 0; i < events.size(); i++) {
					assertThat(events.get(i).sequenceNumber()).isEqualTo(i);
				}
				assertThat(events.get(events.size() - 1)).isInstanceOf(ResponseCompletedEvent.class);
			}
			int firstTerminal = Math.min(arrival.lastIndexOf("a"), arrival.lastIndexOf("b"));
			assertThat(arrival.subList(0, firstTerminal)).as("events of both lanes interleave").contains("a", "b");
		}
	}

	@Test
	void eachLaneIsFifoAndKeepsItsOwnCache() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.create(Requests.userRequest("a1").streamId("a").store(false).build()));
			Response a1 = completed(socket.untilTerminal());
			socket.send(Requests.create(Requests.userRequest("b1").streamId("b").store(false).build()));
			Response b1 = completed(socket.untilTerminal());
			socket.send(Requests.create(
					Requests.userRequest("a2").streamId("a").store(false).previousResponseId(a1.id()).build()));
			Response a2 = completed(socket.untilTerminal());
			assertThat(a2.usage().cachedInputTokens()).isPositive();
			socket.send(Requests.create(
					Requests.userRequest("b2").streamId("a").store(false).previousResponseId(b1.id()).build()));
			ErrorEvent miss = (ErrorEvent) socket.nextEvent();
			assertThat(miss.error().code()).isEqualTo("previous_response_not_found");
			assertThat(miss.streamId()).isEqualTo("a");
		}
	}

	@Test
	void atMostSixteenResponsesAreInFlightPerConnection() {
		CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
		CompletableFuture<Void> releaseOthers = new CompletableFuture<>();
		for (int i = 0; i < 20; i++) {
			server.enqueue(OutputPlan.text("lane " + i).holdUntil((i == 0) ? releaseFirst : releaseOthers));
		}
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			for (int i = 0; i < 20; i++) {
				socket.send(Requests.create(Requests.userRequest("go").streamId("lane-" + i).build()));
			}
			List<String> order = new ArrayList<>();
			int terminals = 0;
			while (terminals < 20) {
				ResponseEvent event = socket.nextEvent();
				if (event instanceof ResponseCreatedEvent || event.isTerminal()) {
					order.add(event.type() + "@" + event.streamId());
				}
				terminals += event.isTerminal() ? 1 : 0;
				if (order.size() == 16 && !releaseFirst.isDone()) {
					// every response is held: none can finish before all 20 requests arrived, so
					// a server without the limit would have started the other 4 by now
					awaitRecordedRequests(20);
					releaseFirst.complete(null);
				}
				if (order.contains("response.completed@lane-0")) {
					releaseOthers.complete(null);
				}
			}
			int firstCompleted = order.indexOf("response.completed@lane-0");
			assertThat(order.subList(0, firstCompleted)).as("started before the first finished")
				.hasSize(16)
				.allSatisfy((entry) -> assertThat(entry).startsWith("response.created"));
			assertThat(order.stream().filter((entry) -> entry.startsWith("response.created"))).hasSize(20);
		}
		finally {
			releaseFirst.complete(null);
			releaseOthers.complete(null);
		}
	}

	private static void awaitRecordedRequests(int count) {
		await(count + " recorded requests").atMost(Duration.ofSeconds(20))
			.until(() -> server.recordedRequests().size() >= count);
	}

	@Test
	void invalidStreamIdIsRefused() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.create(Requests.userRequest("x").streamId("not valid!").build()));
			ErrorEvent error = (ErrorEvent) socket.nextEvent();
			assertThat(error.error().code()).isEqualTo("invalid_stream_id");
			assertThat(error.error().param()).isEqualTo("stream_id");
			socket.send(Requests.create(Requests.userRequest("x").streamId("y".repeat(257)).build()));
			assertThat(((ErrorEvent) socket.nextEvent()).error().code()).isEqualTo("invalid_stream_id");
			socket.send(Requests.create(Requests.userRequest("x").streamId("ok_lane-1.2").build()));
			assertThat(completed(socket.untilTerminal()).outputText()).isEqualTo("You said: x");
		}
	}

	@Test
	void aThirtyThirdLaneIsRefused() {
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			for (int i = 0; i < 32; i++) {
				socket.send(Requests.create(Requests.userRequest("x").streamId("lane-" + i).build()));
			}
			int terminals = 0;
			while (terminals < 32) {
				ResponseEvent event = socket.nextEvent();
				assertThat(event).isNotInstanceOf(ErrorEvent.class);
				terminals += event.isTerminal() ? 1 : 0;
			}
			socket.send(Requests.create(Requests.userRequest("x").streamId("lane-32").build()));
			ErrorEvent error = (ErrorEvent) socket.nextEvent();
			assertThat(error.error().code()).isEqualTo("websocket_stream_limit_reached");
			assertThat(error.streamId()).as("refused before it ran: no lane id").isNull();
			socket.send(Requests.create(Requests.userRequest("x").streamId("lane-7").build()));
			assertThat(completed(socket.untilTerminal()).outputText()).isEqualTo("You said: x");
		}
	}

	@Test
	void refusalWithoutLaneIdIsWrittenAfterEveryEarlierRequestStarted() {
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("first").holdUntil(release));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.create(Requests.userRequest("a1").streamId("a").build()));
			socket.send(Requests.create(Requests.userRequest("a2").streamId("a").build()));
			socket.send(Requests.create(Requests.userRequest("b").streamId("b").build()));
			socket.send(Requests.create(Requests.userRequest("refused").streamId("not valid!").build()));
			// a2 waits for lane a, b runs: the refusal must not overtake a2's start
			awaitRecordedRequests(4);
			release.complete(null);
			List<ResponseEvent> events = new ArrayList<>();
			int answers = 0;
			while (answers < 4) {
				ResponseEvent event = socket.nextEvent();
				events.add(event);
				answers += (event.isTerminal()) ? 1 : 0;
			}
			ErrorEvent refusal = events.stream()
				.filter(ErrorEvent.class::isInstance)
				.map(ErrorEvent.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(refusal.error().code()).isEqualTo("invalid_stream_id");
			assertThat(refusal.streamId()).isNull();
			List<ResponseEvent> createdOnA = events.stream()
				.filter((event) -> event instanceof ResponseCreatedEvent && "a".equals(event.streamId()))
				.toList();
			assertThat(createdOnA).hasSize(2);
			assertThat(events.indexOf(refusal)).as("after the start of a2, the oldest request before it")
				.isGreaterThan(events.indexOf(createdOnA.get(1)));
		}
		finally {
			release.complete(null);
		}
	}

	@Test
	void refusalOnTheDefaultLaneWaitsForTheQueuedRequestBeforeIt() {
		CompletableFuture<Void> release = new CompletableFuture<>();
		server.enqueue(OutputPlan.text("first").holdUntil(release));
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.user("one"));
			socket.send(Requests.user("two"));
			socket.send("not json");
			await("the refused message recorded").atMost(Duration.ofSeconds(20))
				.until(() -> server.recordedFrames().size() >= 3);
			release.complete(null);
			List<String> order = new ArrayList<>();
			while (order.size() < 3) {
				ResponseEvent event = socket.nextEvent();
				if (event instanceof ResponseCreatedEvent || event instanceof ErrorEvent) {
					order.add(event.type());
				}
			}
			assertThat(order).containsExactly("response.created", "response.created", "error");
		}
		finally {
			release.complete(null);
		}
	}

	@Test
	void serverWithoutLanesRefusesStreamId() {
		server.lanes(false);
		try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
			socket.send(Requests.create(Requests.userRequest("x").streamId("a").build()));
			ErrorEvent error = (ErrorEvent) socket.nextEvent();
			assertThat(error.error().code()).isEqualTo("unknown_parameter");
			assertThat(error.error().param()).isEqualTo("stream_id");
		}
	}

	private static Response completed(List<ResponseEvent> events) {
		ResponseEvent last = events.get(events.size() - 1);
		assertThat(last).isInstanceOf(ResponseCompletedEvent.class);
		return ((ResponseCompletedEvent) last).response();
	}

}
