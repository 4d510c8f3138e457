package dev.responsesws.springai;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what {@link ResponsesWsChatModel} sends for Spring AI messages and options, how it
 * reports the answer, and its observation, against the simulator.
 */
class ResponsesWsChatModelRequestTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private ResponsesSession session;

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	@BeforeEach
	void open() {
		this.session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build();
	}

	@AfterEach
	void close() {
		this.session.close();
	}

	private ResponsesWsChatModel model(ResponsesWsChatOptions options) {
		return ResponsesWsChatModel.builder(this.session)
			.defaultOptions(options)
			.observationRegistry(this.observations)
			.build();
	}

	private static JsonNode lastRequest() {
		List<RecordedFrame> requests = server.recordedRequests();
		return requests.get(requests.size() - 1).tree();
	}

	@Test
	void optionsBecomeRequestFields() {
		ResponsesWsChatModel model = model(ResponsesWsChatOptions.builder()
			.model("test-model")
			.temperature(0.5)
			.topP(0.9)
			.maxOutputTokens(300)
			.reasoningEffort("low")
			.reasoningSummary("auto")
			.store(true)
			.extra("prompt_cache_key", "k1")
			.extra("metadata", Map.of("team", "a"))
			.build());
		model.call(new Prompt("hello"));
		JsonNode request = lastRequest();
		assertThat(request.path("model").asString()).isEqualTo("test-model");
		assertThat(request.path("temperature").asDouble()).isEqualTo(0.5);
		assertThat(request.path("top_p").asDouble()).isEqualTo(0.9);
		assertThat(request.path("max_output_tokens").asInt()).isEqualTo(300);
		assertThat(request.path("reasoning").path("effort").asString()).isEqualTo("low");
		assertThat(request.path("reasoning").path("summary").asString()).isEqualTo("auto");
		assertThat(request.path("store").asBoolean()).isTrue();
		assertThat(request.path("prompt_cache_key").asString()).isEqualTo("k1");
		assertThat(request.path("metadata").path("team").asString()).isEqualTo("a");
	}

	@Test
	void portableRuntimeOptionsAreLaidOverTheDefaults() {
		ResponsesWsChatModel model = model(
				ResponsesWsChatOptions.builder().model("test-model").temperature(0.5).reasoningEffort("low").build());
		model.call(new Prompt("hello", ChatOptions.builder().temperature(0.1).build()));
		JsonNode request = lastRequest();
		assertThat(request.path("model").asString()).isEqualTo("test-model");
		assertThat(request.path("temperature").asDouble()).isEqualTo(0.1);
		assertThat(request.path("reasoning").path("effort").asString()).isEqualTo("low");
	}

	@Test
	void messagesBecomeInstructionsAndItems() {
		ResponsesWsChatModel model = model(ResponsesWsChatOptions.builder().model("test-model").build());
		AssistantMessage calling = AssistantMessage.builder()
			.content("Let me look.")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup", "{\"q\":\"x\"}")))
			.build();
		ToolResponseMessage results = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "lookup", "found")))
			.build();
		model.call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Find x"), calling, results)));
		JsonNode request = lastRequest();
		assertThat(request.path("instructions").asString()).isEqualTo("Be brief.");
		JsonNode input = request.path("input");
		assertThat(input.size()).isEqualTo(4);
		assertThat(input.get(0).path("role").asString()).isEqualTo("user");
		assertThat(input.get(1).path("role").asString()).isEqualTo("assistant");
		assertThat(input.get(1).path("content").asString()).isEqualTo("Let me look.");
		assertThat(input.get(2).path("type").asString()).isEqualTo("function_call");
		assertThat(input.get(2).path("call_id").asString()).isEqualTo("call_1");
		assertThat(input.get(2).path("name").asString()).isEqualTo("lookup");
		assertThat(input.get(2).path("arguments").asString()).isEqualTo("{\"q\":\"x\"}");
		assertThat(input.get(3).path("type").asString()).isEqualTo("function_call_output");
		assertThat(input.get(3).path("call_id").asString()).isEqualTo("call_1");
		assertThat(input.get(3).path("output").asString()).isEqualTo("found");
	}

	@Test
	void imagesBecomeInputImageParts() {
		ResponsesWsChatModel model = model(ResponsesWsChatOptions.builder().model("test-model").build());
		UserMessage message = UserMessage.builder()
			.text("What is this?")
			.media(List.of(new Media(MimeTypeUtils.IMAGE_PNG, URI.create("https://example.com/cat.png")),
					new Media(MimeTypeUtils.IMAGE_JPEG, new ByteArrayResource(new byte[] { 1, 2, 3 }))))
			.build();
		model.call(new Prompt(message));
		JsonNode content = lastRequest().path("input").get(0).path("content");
		assertThat(content.size()).isEqualTo(3);
		assertThat(content.get(0).path("type").asString()).isEqualTo("input_text");
		assertThat(content.get(0).path("text").asString()).isEqualTo("What is this?");
		assertThat(content.get(1).path("type").asString()).isEqualTo("input_image");
		assertThat(content.get(1).path("image_url").asString()).isEqualTo("https://example.com/cat.png");
		assertThat(content.get(2).path("image_url").asString()).isEqualTo("data:image/jpeg;base64,AQID");
	}

	@Test
	void answerCarriesToolCallsFinishReasonAndUsage() {
		server.responder(Responders.always(OutputPlan.text("Checking.").thenFunctionCall("lookup", "{\"q\":\"x\"}")));
		ChatResponse response = model(ResponsesWsChatOptions.builder().model("test-model").build())
			.call(new Prompt("hello"));
		AssistantMessage output = response.getResult().getOutput();
		assertThat(output.getText()).isEqualTo("Checking.");
		assertThat(output.getToolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("lookup");
			assertThat(call.arguments()).isEqualTo("{\"q\":\"x\"}");
			assertThat(call.id()).isNotBlank();
		});
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
		assertThat(response.getMetadata().getId()).startsWith("resp_");
		assertThat(response.getMetadata().getModel()).isEqualTo("test-model");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isPositive();
		assertThat(response.getMetadata().getUsage().getTotalTokens())
			.isEqualTo(response.getMetadata().getUsage().getPromptTokens()
					+ response.getMetadata().getUsage().getCompletionTokens());
		assertThat((Long) response.getMetadata().get(ChatResponses.REASONING_TOKENS)).isNotNull();
	}

	@Test
	void incompleteAnswerFinishesWithLength() {
		server.responder(Responders.always(OutputPlan.text("Cut").incomplete("max_output_tokens")));
		ChatResponse response = model(ResponsesWsChatOptions.builder().model("test-model").build())
			.call(new Prompt("hello"));
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("LENGTH");
	}

	@Test
	void callsAreObservedAsSpringAiChatModelOperations() {
		ResponsesWsChatModel model = model(ResponsesWsChatOptions.builder().model("test-model").build());
		model.call(new Prompt("hello"));
		model.stream(new Prompt("hello")).blockLast(TIMEOUT);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.backToTestObservationRegistry()
			.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2)
			.forAllObservationsWithNameEqualTo("gen_ai.client.operation",
					(observation) -> observation.hasLowCardinalityKeyValue("gen_ai.system", "openai")
						.hasLowCardinalityKeyValue("gen_ai.request.model", "test-model")
						.hasLowCardinalityKeyValue("gen_ai.response.model", "test-model"));
	}

}
