package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the agent loop against the simulator, asserting on the frames it recorded.
 */
class AgentLoopTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final String STEP_SCHEMA = "{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}}}";

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	@BeforeEach
	void open() {
		this.session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).connections(0, 2).build();
	}

	@AfterEach
	void close() {
		this.session.close();
	}

	private Conversation conversation() {
		return Conversation.builder(this.session)
			.settings(CreateResponse.builder().model("test-model").instructions("Use the tools.").store(false).build())
			.build();
	}

	static AgentTool stepTool() {
		return AgentTool.of("step", "Runs one step", STEP_SCHEMA, (arguments) -> "result-" + arguments.path("step").asInt());
	}

	static String expectedAnswer(int steps) {
		StringBuilder answer = new StringBuilder("Done after " + steps + " tool calls: ");
		for (int i = 1; i <= steps; i++) {
			answer.append((i > 1) ? ", " : "").append("result-").append(i);
		}
		return answer.toString();
	}

	@Test
	void twentyFiveStepLoopSendsOnlyNewItemsAfterTheFirstTurn() {
		server.responder(Responders.toolLoop("step", 25));
		Conversation conversation = conversation();
		AgentResult result = conversation.runForResult("Run the steps", List.of(stepTool()), AgentOptions.DEFAULTS.withMaxSteps(30))
			.block(TIMEOUT);
		assertThat(result.answer()).isEqualTo(expectedAnswer(25));
		assertThat(result.steps()).isEqualTo(26);
		assertThat(result.toolCalls()).isEqualTo(25);
		assertThat(result.stopReason()).isEqualTo(AgentResult.StopReason.ANSWERED);
		List<RecordedFrame> requests = server.recordedRequests();
		assertThat(requests).hasSize(26);
		assertThat(requests).extracting(RecordedFrame::connectionId).containsOnly(requests.get(0).connectionId());
		assertThat(requests.get(0).requireRequest().previousResponseId()).isNull();
		int firstSize = requests.get(1).sizeInBytes();
		for (int i = 1; i < requests.size(); i++) {
			SimulatedRequest request = requests.get(i).requireRequest();
			assertThat(request.previousResponseId()).isNotNull();
			assertThat(request.input()).hasSize(1);
			assertThat(request.instructions()).isEqualTo("Use the tools.");
			assertThat(request.tools()).hasSize(1);
			assertThat(requests.get(i).sizeInBytes()).as("turn %d does not grow with the history", i)
				.isLessThan(firstSize + 64);
		}
		assertThat(conversation.replays()).isZero();
		assertThat(conversation.transcript()).hasSize(1 + 25 * 2 + 1);
		assertThat(result.usage().outputTokens()).isPositive();
	}

	@Test
	void loopSurvivesADisconnectAndAnEvictionWithOneReplayEach() {
		AtomicBoolean disconnected = new AtomicBoolean();
		server.responder((turn) -> {
			OutputPlan plan = Responders.toolLoop("step", 25).respond(turn);
			if (turn.functionCallOutputCount() == 9 && disconnected.compareAndSet(false, true)) {
				return plan.disconnectAfter(3);
			}
			return plan;
		});
		Conversation conversation = conversation();
		AgentResult result = conversation.run("Run the steps", List.of(stepTool()), AgentOptions.DEFAULTS.withMaxSteps(30))
			.doOnNext((event) -> {
				if (event instanceof AgentEvent.ToolCallStarted started && started.step() == 14) {
					server.evictCaches();
				}
			})
			.ofType(AgentEvent.Finished.class)
			.map(AgentEvent.Finished::result)
			.blockLast(TIMEOUT);
		assertThat(result.answer()).isEqualTo(expectedAnswer(25));
		assertThat(conversation.replays()).isEqualTo(2);
		List<JsonNode> transcript = conversation.transcript();
		assertThat(transcript).hasSize(1 + 25 * 2 + 1);
		for (int i = 1; i <= 25; i++) {
			JsonNode call = transcript.get(2 * i - 1);
			JsonNode output = transcript.get(2 * i);
			assertThat(call.path("type").asString()).isEqualTo("function_call");
			assertThat(call.path("arguments").asString()).isEqualTo("{\"step\":" + i + "}");
			assertThat(output.path("call_id").asString()).isEqualTo(call.path("call_id").asString());
			assertThat(output.path("output").asString()).isEqualTo("result-" + i);
		}
		long fullReplays = server.recordedRequests()
			.stream()
			.filter((frame) -> frame.requireRequest().previousResponseId() == null)
			.filter((frame) -> frame.requireRequest().input().size() > 1)
			.count();
		assertThat(fullReplays).as("requests that replayed the transcript").isEqualTo(2);
	}

	@Test
	void parallelCallsRunConcurrentlyAndTheirOutputsGoBackTogether() {
		server.enqueue(OutputPlan.functionCall("slow_a", "{}").thenFunctionCall("slow_b", "{}"));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		// each call finishes only once both have started, so run one after the other they
		// could never both be running, and run together they always are
		CountDownLatch bothStarted = new CountDownLatch(2);
		java.util.function.Function<String, AgentTool> slow = (name) -> AgentTool.of(name, "slow", "{\"type\":\"object\"}",
				(arguments) -> {
					maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
					bothStarted.countDown();
					try {
						bothStarted.await(TIMEOUT.toMillis() / 2, TimeUnit.MILLISECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					running.decrementAndGet();
					return name + " done";
				});
		AgentResult result = conversation().runForResult("go", List.of(slow.apply("slow_a"), slow.apply("slow_b")),
				AgentOptions.DEFAULTS).block(TIMEOUT);
		assertThat(maxRunning.get()).isEqualTo(2);
		assertThat(result.toolCalls()).isEqualTo(2);
		assertThat(result.answer()).contains("slow_a returned slow_a done").contains("slow_b returned slow_b done");
		SimulatedRequest second = server.recordedRequests().get(1).requireRequest();
		assertThat(second.input()).hasSize(2);
	}

	@Test
	void throwingUnknownAndInvalidCallsBecomeErrorOutputs() {
		server.enqueue(OutputPlan.functionCall("boom", "{}")
			.thenFunctionCall("missing", "{}")
			.thenFunctionCall("step", "{not json"));
		AgentTool boom = AgentTool.of("boom", "throws", "{}", (arguments) -> {
			throw new IllegalStateException("kaput");
		});
		List<AgentEvent> events = conversation().run("go", List.of(boom, stepTool()), AgentOptions.DEFAULTS)
			.collectList()
			.block(TIMEOUT);
		List<AgentEvent.ToolCallFinished> finished = events.stream()
			.filter(AgentEvent.ToolCallFinished.class::isInstance)
			.map(AgentEvent.ToolCallFinished.class::cast)
			.toList();
		assertThat(finished).hasSize(3).allSatisfy((call) -> assertThat(call.failed()).isTrue());
		assertThat(finished).anySatisfy((call) -> assertThat(call.output()).contains("IllegalStateException: kaput"));
		assertThat(finished).anySatisfy((call) -> assertThat(call.output()).contains("Unknown tool 'missing'"));
		assertThat(finished).anySatisfy((call) -> assertThat(call.output()).contains("not valid JSON"));
		assertThat(events.get(events.size() - 1)).isInstanceOf(AgentEvent.Finished.class);
	}

	@Test
	void slowToolHitsItsTimeout() {
		server.enqueue(OutputPlan.functionCall("sleepy", "{}"));
		AgentTool sleepy = AgentTool.reactive("sleepy", "never answers in time", "{}",
				(arguments) -> Mono.<String>never());
		List<AgentEvent> events = conversation()
			.run("go", List.of(sleepy), AgentOptions.DEFAULTS.withToolTimeout(Duration.ofMillis(200)))
			.collectList()
			.block(TIMEOUT);
		AgentEvent.ToolCallFinished finished = events.stream()
			.filter(AgentEvent.ToolCallFinished.class::isInstance)
			.map(AgentEvent.ToolCallFinished.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(finished.failed()).isTrue();
		assertThat(finished.output()).contains("did not finish within PT0.2S");
	}

	@Test
	void stepLimitStopsTheLoop() {
		server.responder(Responders.toolLoop("step", 25));
		AgentResult result = conversation().runForResult("go", List.of(stepTool()), AgentOptions.DEFAULTS.withMaxSteps(3))
			.block(TIMEOUT);
		assertThat(result.stopReason()).isEqualTo(AgentResult.StopReason.STEP_LIMIT);
		assertThat(result.steps()).isEqualTo(3);
		assertThat(server.recordedRequests()).hasSize(3);
	}

	@Test
	void eventsOfEveryStepComeInOrderWithMarkers() {
		server.responder(Responders.toolLoop("step", 2));
		List<AgentEvent> events = conversation().run("go", List.of(stepTool()), AgentOptions.DEFAULTS)
			.collectList()
			.block(TIMEOUT);
		List<String> markers = events.stream()
			.filter((event) -> !(event instanceof AgentEvent.Model))
			.map((event) -> event.getClass().getSimpleName() + "@" + event.step())
			.toList();
		assertThat(markers).containsExactly("StepStarted@1", "StepFinished@1", "ToolCallStarted@1",
				"ToolCallFinished@1", "StepStarted@2", "StepFinished@2", "ToolCallStarted@2", "ToolCallFinished@2",
				"StepStarted@3", "StepFinished@3", "Finished@3");
	}

}
