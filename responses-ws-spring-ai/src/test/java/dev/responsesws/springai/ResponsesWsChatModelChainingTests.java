package dev.responsesws.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import dev.responsesws.test.Responders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ResponsesWsChatModel}'s prefix chaining with Spring AI's {@code ChatClient},
 * against the simulator: what each call sent is read from the simulator's records.
 */
class ResponsesWsChatModelChainingTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	private ResponsesWsChatModel model;

	@BeforeEach
	void open() {
		this.session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
		this.model = newModel();
	}

	@AfterEach
	void close() {
		this.session.close();
	}

	private ResponsesWsChatModel newModel() {
		return ResponsesWsChatModel.builder(this.session)
			.defaultOptions(ResponsesWsChatOptions.builder().model("test-model").store(false).build())
			.build();
	}

	private static ChatClient chatClient(ResponsesWsChatModel model, ChatMemory memory) {
		return ChatClient.builder(model)
			.defaultSystem("Be brief.")
			.defaultAdvisors((advisors) -> memoryAdvisor(advisors, memory))
			.build();
	}

	private static void memoryAdvisor(ChatClient.AdvisorSpec advisors, ChatMemory memory) {
		advisors.advisors(MessageChatMemoryAdvisor.builder(memory).build()).param(ChatMemory.CONVERSATION_ID, "c1");
	}

	private static ChatMemory memory() {
		return MessageWindowChatMemory.builder().maxMessages(100).build();
	}

	private static List<SimulatedRequest> requests() {
		return server.recordedRequests().stream().map(RecordedFrame::requireRequest).toList();
	}

	@Test
	void tenTurnConversationWithChatMemoryChainsEveryTurnAfterTheFirst() {
		ChatClient client = chatClient(this.model, memory());
		List<String> ids = new ArrayList<>();
		for (int turn = 1; turn <= 10; turn++) {
			ChatResponse response = client.prompt().user("message " + turn).call().chatResponse();
			assertThat(response.getResult().getOutput().getText()).isEqualTo("You said: message " + turn);
			ids.add(response.getMetadata().getId());
		}
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(10);
		assertThat(requests.get(0).previousResponseId()).isNull();
		assertThat(requests.get(0).input()).containsExactly(InputMessage.user("message 1").tree());
		for (int turn = 2; turn <= 10; turn++) {
			SimulatedRequest request = requests.get(turn - 1);
			assertThat(request.previousResponseId()).as("turn %d", turn).isEqualTo(ids.get(turn - 2));
			assertThat(request.input()).as("turn %d", turn).containsExactly(InputMessage.user("message " + turn).tree());
			assertThat(request.instructions()).isEqualTo("Be brief.");
		}
	}

	@Test
	void toolLoopThroughToolMethodsChainsEveryToolOutputTurn() {
		server.responder(Responders.toolLoop("step", 5));
		StepTools tools = new StepTools();
		String answer = chatClient(this.model, memory()).prompt().user("Run the steps").tools(tools).call().content();
		assertThat(answer).isEqualTo("Done after 5 tool calls: \"result 1\", \"result 2\", \"result 3\", \"result 4\", \"result 5\"");
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(6);
		assertThat(requests.get(0).previousResponseId()).isNull();
		assertThat(requests.get(0).tools()).hasSize(1);
		for (int turn = 1; turn <= 5; turn++) {
			SimulatedRequest request = requests.get(turn);
			String expected = "\"result " + turn + "\"";
			assertThat(request.previousResponseId()).as("tool output turn %d", turn).isNotNull();
			assertThat(request.input()).as("tool output turn %d", turn)
				.singleElement()
				.satisfies((item) -> {
					assertThat(item.path("type").asString()).isEqualTo("function_call_output");
					assertThat(item.path("output").asString()).isEqualTo(expected);
				});
		}
	}

	@Test
	void messageAfterAToolLoopContinuesTheChainThatHoldsItsToolExchange() {
		server.responder(Responders.toolLoop("step", 2));
		ChatClient client = chatClient(this.model, memory());
		client.prompt().user("Run the steps").tools(new StepTools()).call().content();
		server.responder(Responders.always(OutputPlan.text("You're welcome.")));
		assertThat(client.prompt().user("Thanks").tools(new StepTools()).call().content())
			.isEqualTo("You're welcome.");
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(4);
		assertThat(requests.get(3).previousResponseId()).isNotNull();
		assertThat(requests.get(3).input()).containsExactly(InputMessage.user("Thanks").tree());
	}

	@Test
	void messageAfterAToolLoopIsSentInFullWithoutItsToolExchangeWhenElisionIsOff() {
		ResponsesWsChatModel strict = ResponsesWsChatModel.builder(this.session)
			.defaultOptions(ResponsesWsChatOptions.builder().model("test-model").store(false).build())
			.chainAcrossElidedToolExchanges(false)
			.build();
		server.responder(Responders.toolLoop("step", 2));
		ChatClient client = chatClient(strict, memory());
		client.prompt().user("Run the steps").tools(new StepTools()).call().content();
		server.responder(Responders.always(OutputPlan.text("You're welcome.")));
		client.prompt().user("Thanks").tools(new StepTools()).call().content();
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(4);
		assertThat(requests.get(3).previousResponseId()).isNull();
		assertThat(requests.get(3).input()).hasSize(3);
	}

	@Test
	void streamingThroughChatClientDeliversTheTextAndChainsTheNextTurn() {
		ChatClient client = chatClient(this.model, memory());
		StepVerifier.create(client.prompt().user("first").stream().content().collectList())
			.assertNext((parts) -> assertThat(String.join("", parts)).isEqualTo("You said: first"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(client.prompt().user("second").stream().content().collectList())
			.assertNext((parts) -> {
				assertThat(parts).hasSizeGreaterThan(1);
				assertThat(String.join("", parts)).isEqualTo("You said: second");
			})
			.expectComplete()
			.verify(TIMEOUT);
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).previousResponseId()).isNotNull();
		assertThat(requests.get(1).input()).containsExactly(InputMessage.user("second").tree());
	}

	@Test
	void streamEndsWithUsageAndResponseId() {
		List<ChatResponse> chunks = this.model.stream(new Prompt("hello")).collectList().block(TIMEOUT);
		assertThat(chunks).hasSizeGreaterThan(1);
		ChatResponse last = chunks.get(chunks.size() - 1);
		assertThat(last.getMetadata().getId()).startsWith("resp_");
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isPositive();
		assertThat(last.getMetadata().getUsage().getNativeUsage())
			.isInstanceOf(dev.responsesws.client.response.Usage.class);
		assertThat(chunks.get(0).getMetadata().getUsage().getTotalTokens()).isZero();
	}

	@Test
	void changedSystemPromptSendsTheWholeHistory() {
		ChatMemory memory = memory();
		ChatClient.builder(this.model).build().prompt().system("One").user("a").advisors(
				(advisors) -> memoryAdvisor(advisors, memory)).call().content();
		ChatClient.builder(this.model).build().prompt().system("Two").user("b").advisors(
				(advisors) -> memoryAdvisor(advisors, memory)).call().content();
		List<SimulatedRequest> requests = requests();
		assertThat(requests.get(1).previousResponseId()).isNull();
		assertThat(requests.get(1).instructions()).isEqualTo("Two");
		assertThat(requests.get(1).input()).containsExactly(InputMessage.user("a").tree(),
				InputMessage.assistant("You said: a").tree(), InputMessage.user("b").tree());
	}

	@Test
	void changedToolSetSendsTheWholeHistory() {
		server.responder(Responders.always(OutputPlan.text("ok")));
		ChatClient client = chatClient(this.model, memory());
		client.prompt().user("a").tools(new StepTools()).call().content();
		client.prompt().user("b").tools(new StepTools(), new ClockTools()).call().content();
		client.prompt().user("c").tools(new StepTools(), new ClockTools()).call().content();
		List<SimulatedRequest> requests = requests();
		assertThat(requests.get(1).previousResponseId()).isNull();
		assertThat(requests.get(1).input()).hasSize(3);
		assertThat(requests.get(2).previousResponseId()).isNotNull();
		assertThat(requests.get(2).input()).containsExactly(InputMessage.user("c").tree());
	}

	@Test
	void editedHistorySendsTheWholeHistoryAndTheUneditedOneChains() {
		ChatResponse first = this.model.call(new Prompt(List.of(new UserMessage("a"))));
		String answer = first.getResult().getOutput().getText();
		this.model.call(new Prompt(List.of(new UserMessage("a"), new AssistantMessage(answer + " (edited)"),
				new UserMessage("b"))));
		this.model.call(new Prompt(List.of(new UserMessage("a"), new AssistantMessage(answer), new UserMessage("b"))));
		List<SimulatedRequest> requests = requests();
		assertThat(requests.get(1).previousResponseId()).isNull();
		assertThat(requests.get(1).input()).hasSize(3);
		assertThat(requests.get(2).previousResponseId()).isEqualTo(first.getMetadata().getId());
		assertThat(requests.get(2).input()).containsExactly(InputMessage.user("b").tree());
	}

	@Test
	void conversationMovedToAnotherModelAnswersWithAFullSendThenChains() {
		ChatMemory memory = memory();
		chatClient(this.model, memory).prompt().user("one").call().content();
		chatClient(this.model, memory).prompt().user("two").call().content();
		ChatClient moved = chatClient(newModel(), memory);
		assertThat(moved.prompt().user("three").call().content()).isEqualTo("You said: three");
		assertThat(moved.prompt().user("four").call().content()).isEqualTo("You said: four");
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(4);
		assertThat(requests.get(1).previousResponseId()).isNotNull();
		assertThat(requests.get(2).previousResponseId()).isNull();
		assertThat(requests.get(2).input()).hasSize(5);
		assertThat(requests.get(3).previousResponseId()).isNotNull();
		assertThat(requests.get(3).input()).containsExactly(InputMessage.user("four").tree());
	}

	@Test
	void responseTheServerNoLongerHasIsSentAgainInFull() {
		ChatClient client = chatClient(this.model, memory());
		client.prompt().user("one").call().content();
		server.evictCaches();
		assertThat(client.prompt().user("two").call().content()).isEqualTo("You said: two");
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(1).previousResponseId()).isNotNull();
		assertThat(requests.get(2).previousResponseId()).isNull();
		assertThat(requests.get(2).input()).hasSize(3);
		assertThat(this.session.snapshot().chains().missed()).isPositive();
	}

	@Test
	void responseOnALostConnectionIsNotContinued() {
		ChatClient client = chatClient(this.model, memory());
		client.prompt().user("one").call().content();
		server.disconnectAll();
		org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> this.session.snapshot().connectionsOpen() == 0);
		assertThat(client.prompt().user("two").call().content()).isEqualTo("You said: two");
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).previousResponseId()).isNull();
		assertThat(requests.get(1).input()).hasSize(3);
	}

	@Test
	void internalToolExecutionChainsEveryToolOutputTurn() {
		server.responder(Responders.toolLoop("step", 3));
		ResponsesWsChatOptions options = ResponsesWsChatOptions.builder()
			.internalToolExecutionEnabled(true)
			.toolCallbacks(org.springframework.ai.support.ToolCallbacks.from(new StepTools()))
			.build();
		ChatResponse response = this.model.call(new Prompt(List.of(new SystemMessage("Be brief."),
				new UserMessage("Run the steps")), options));
		assertThat(response.getResult().getOutput().getText())
			.isEqualTo("Done after 3 tool calls: \"result 1\", \"result 2\", \"result 3\"");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(4);
		for (int turn = 1; turn <= 3; turn++) {
			assertThat(requests.get(turn).previousResponseId()).isNotNull();
			assertThat(requests.get(turn).input()).singleElement()
				.satisfies((item) -> assertThat(item.path("type").asString()).isEqualTo("function_call_output"));
		}
	}

	@Test
	void streamedInternalToolLoopChainsAndEndsWithTheAnswer() {
		server.responder(Responders.toolLoop("step", 2));
		ResponsesWsChatOptions options = ResponsesWsChatOptions.builder()
			.internalToolExecutionEnabled(true)
			.toolCallbacks(org.springframework.ai.support.ToolCallbacks.from(new StepTools()))
			.build();
		StepVerifier.create(this.model.stream(new Prompt("Run the steps", options))
			.map((chunk) -> chunk.getResult().getOutput().getText())
			.collectList())
			.assertNext((parts) -> assertThat(String.join("", parts))
				.isEqualTo("Done after 2 tool calls: \"result 1\", \"result 2\""))
			.expectComplete()
			.verify(TIMEOUT);
		List<SimulatedRequest> requests = requests();
		assertThat(requests).hasSize(3);
		assertThat(requests.get(2).previousResponseId()).isNotNull();
		assertThat(requests.get(2).input()).singleElement()
				.satisfies((item) -> assertThat(item.path("type").asString()).isEqualTo("function_call_output"));
	}

	static class StepTools {

		@Tool(description = "Run one step")
		String step(int step) {
			return "result " + step;
		}

	}

	static class ClockTools {

		@Tool(description = "Tell the time")
		String time() {
			return "noon";
		}

	}

	@SuppressWarnings("unused")
	private static List<InputItem> items(Message... messages) {
		return PromptItems.of(List.of(messages)).items();
	}

}
