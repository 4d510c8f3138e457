package dev.responsesws.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.Tool;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import dev.responsesws.client.session.ResponsesSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityChecker;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.observation.conventions.AiProvider;
import org.springframework.ai.support.UsageCalculator;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A Spring AI {@link ChatModel} (and so {@link org.springframework.ai.chat.model.StreamingChatModel})
 * on the Responses API's WebSocket mode, through a {@link ResponsesSession}.
 *
 * <p>Spring AI callers send the whole history on every call ({@code ChatClient} with chat
 * memory, tool loops). This model sends only what is new when it can: it remembers, for the most
 * recent responses (1,024 by default), a fingerprint of the model, instructions, tools, input
 * items and output each was produced from, and when a prompt starts with such a prefix and a
 * connection of the session still holds that response (or the server stores responses), it
 * sends only the items after it with {@code previous_response_id}. Any difference sends the whole
 * history on a new chain, never onto a wrong one (one rule aside: a history that leaves out the
 * tool exchange of a tool loop, as Spring AI's chat memory does, continues the chain that holds
 * it, see {@link Builder#chainAcrossElidedToolExchanges(boolean)}); so does a server that no
 * longer finds the response ({@code previous_response_not_found}), once, without the caller
 * noticing.
 *
 * <p>Messages: system messages become the {@code instructions}, user messages {@code message}
 * items (images as {@code input_image} parts), assistant messages a {@code message} item for
 * their text and a {@code function_call} item per tool call, tool responses
 * {@code function_call_output} items. Tools come from the options' tool callbacks through the
 * {@link ToolCallingManager}; Spring AI's {@code ChatClient} runs them with its tool calling
 * advisor, or this model does with {@link ResponsesWsChatOptions#getInternalToolExecutionEnabled()}.
 * Calls are observed as Spring AI chat model operations (provider {@code openai}).
 *
 * <pre>{@code
 * ResponsesWsChatModel model = ResponsesWsChatModel.builder(session)
 *     .defaultOptions(ResponsesWsChatOptions.builder().model("gpt-5.1").build())
 *     .build();
 * ChatClient client = ChatClient.builder(model)
 *     .defaultAdvisors(MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ResponsesWsChatModel implements ChatModel {

	/** The default number of responses whose fingerprints are remembered. */
	public static final int DEFAULT_CHAIN_CAPACITY = 1024;

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	private static final String PROVIDER = AiProvider.OPENAI.value();

	private final ResponsesSession session;

	private final ResponsesWsChatOptions defaultOptions;

	private final ToolCallingManager toolCallingManager;

	private final ToolExecutionEligibilityChecker toolExecutionEligibilityChecker;

	private final ObservationRegistry observationRegistry;

	private final PrefixChains chains;

	private volatile ChatModelObservationConvention observationConvention = DEFAULT_OBSERVATION_CONVENTION;

	private ResponsesWsChatModel(Builder builder) {
		this.session = builder.session;
		this.defaultOptions = builder.defaultOptions;
		this.observationRegistry = builder.observationRegistry;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().observationRegistry(this.observationRegistry).build();
		this.toolExecutionEligibilityChecker = builder.toolExecutionEligibilityChecker;
		this.chains = new PrefixChains(this.session, builder.chainCapacity, builder.elideToolExchanges);
		this.session.expectChains();
	}

	/**
	 * Create a builder.
	 * @param session the session the turns run on
	 * @return a builder
	 */
	public static Builder builder(ResponsesSession session) {
		return new Builder(session);
	}

	@Override
	public ResponsesWsChatOptions getOptions() {
		return this.defaultOptions;
	}

	/**
	 * Set the convention that names and tags the observations of this model's calls.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(ChatModelObservationConvention observationConvention) {
		this.observationConvention = Objects.requireNonNull(observationConvention, "observationConvention");
	}

	/**
	 * Return how many responses this model remembers for prefix chaining.
	 * @return the count, at most the chain capacity
	 */
	public int rememberedResponses() {
		return this.chains.size();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		return internalCall(requestPrompt(prompt), null);
	}

	private ChatResponse internalCall(Prompt prompt, @Nullable ChatResponse previous) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider(PROVIDER)
			.build();
		Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
				this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
		ChatResponse response = observation.observe(() -> {
			PrefixChains.Turn turn = plan(prompt);
			Response completed = terminal(turn, observation).block();
			Objects.requireNonNull(completed, "The turn ended without a response");
			ChatResponse chatResponse = ChatResponses.of(completed, turn.previousResponseId(),
					UsageCalculator.getCumulativeUsage(ChatResponses.usage(completed), previous));
			context.setResponse(chatResponse);
			return chatResponse;
		});
		Objects.requireNonNull(response);
		if (!runsTools(prompt, response)) {
			return response;
		}
		ToolExecutionResult result = this.toolCallingManager.executeToolCalls(prompt, response);
		if (result.returnDirect()) {
			return ChatResponse.builder()
				.from(response)
				.generations(ToolExecutionResult.buildGenerations(result))
				.build();
		}
		return internalCall(new Prompt(result.conversationHistory(), prompt.getOptions()), response);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return internalStream(requestPrompt(prompt), null);
	}

	private Flux<ChatResponse> internalStream(Prompt prompt, @Nullable ChatResponse previous) {
		return Flux.deferContextual((contextView) -> {
			ChatModelObservationContext context = ChatModelObservationContext.builder()
				.prompt(prompt)
				.provider(PROVIDER)
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
					this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry);
			Observation parent = contextView.getOrDefault(ObservationKeys.CURRENT, null);
			observation.parentObservation(parent);
			observation.start();
			PrefixChains.Turn turn = plan(prompt);
			AtomicReference<@Nullable ChatResponse> last = new AtomicReference<>();
			Flux<ChatResponse> chunks = events(turn, observation).concatMap((event) -> {
				if (event instanceof OutputTextDeltaEvent delta) {
					return Mono.just(new ChatResponse(List.of(new Generation(new AssistantMessage(delta.delta())))));
				}
				if (event instanceof ResponseTerminalEvent terminal) {
					Response response = completed(turn, terminal);
					ChatResponse end = lastChunk(response, turn.previousResponseId(),
							UsageCalculator.getCumulativeUsage(ChatResponses.usage(response), previous));
					last.set(ChatResponses.of(response, turn.previousResponseId(), end.getMetadata().getUsage()));
					return Mono.just(end);
				}
				return Mono.empty();
			});
			// stopped before the end reaches the subscriber, with the aggregated response set first
			Flux<ChatResponse> observed = new MessageAggregator().aggregate(chunks, context::setResponse)
				.doOnError(observation::error)
				.doOnTerminate(observation::stop)
				.doOnCancel(observation::stop);
			return observed.concatWith(Flux.defer(() -> {
				ChatResponse response = last.get();
				if (response == null || !runsTools(prompt, response)) {
					return Flux.empty();
				}
				return Mono.fromCallable(() -> this.toolCallingManager.executeToolCalls(prompt, response))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMapMany((result) -> result.returnDirect()
							? Flux.just(ChatResponse.builder()
								.from(response)
								.generations(ToolExecutionResult.buildGenerations(result))
								.build())
							: internalStream(new Prompt(result.conversationHistory(), prompt.getOptions()), response));
			}));
		});
	}

	/**
	 * The last chunk of a stream: no text (the deltas carried it), the tool calls, and the
	 * response's metadata with its usage.
	 */
	private static ChatResponse lastChunk(Response response, @Nullable String previousResponseId, Usage usage) {
		AssistantMessage whole = ChatResponses.assistant(response);
		AssistantMessage message = AssistantMessage.builder()
			.content("")
			.properties(whole.getMetadata())
			.toolCalls(whole.getToolCalls())
			.build();
		Generation generation = new Generation(message,
				ChatGenerationMetadata.builder().finishReason(ChatResponses.finishReason(response)).build());
		ChatResponseMetadata metadata = ChatResponses.metadata(response, previousResponseId, usage);
		return new ChatResponse(List.of(generation), metadata);
	}

	private boolean runsTools(Prompt prompt, ChatResponse response) {
		ResponsesWsChatOptions options = (ResponsesWsChatOptions) Objects.requireNonNull(prompt.getOptions());
		return Boolean.TRUE.equals(options.getInternalToolExecutionEnabled())
				&& this.toolExecutionEligibilityChecker.isToolCallResponse(response);
	}

	private Mono<Response> terminal(PrefixChains.Turn turn, Observation observation) {
		return events(turn, observation).ofType(ResponseTerminalEvent.class)
			.last()
			.map((terminal) -> completed(turn, terminal));
	}

	private Response completed(PrefixChains.Turn turn, ResponseTerminalEvent terminal) {
		if (terminal instanceof ResponseFailedEvent failed) {
			throw new ResponseFailedException(failed.response());
		}
		this.chains.completed(turn, terminal.response());
		return terminal.response();
	}

	/**
	 * Run a planned turn; a chained one the server refuses with
	 * {@code previous_response_not_found} runs again with every item.
	 */
	private Flux<ResponseEvent> events(PrefixChains.Turn turn, Observation observation) {
		AtomicBoolean delivered = new AtomicBoolean();
		Flux<ResponseEvent> events = this.session.create(turn.request()).doOnNext((event) -> delivered.set(true));
		if (turn.chained()) {
			events = events.onErrorResume(ResponsesApiException.class, (error) -> {
				if (!delivered.get() && ApiError.PREVIOUS_RESPONSE_NOT_FOUND.equals(error.code())) {
					this.chains.lost(turn);
					return this.session.create(turn.full());
				}
				return Flux.error(error);
			});
		}
		return events.contextWrite((context) -> context.put(ObservationKeys.CURRENT, observation));
	}

	private PrefixChains.Turn plan(Prompt prompt) {
		ResponsesWsChatOptions options = (ResponsesWsChatOptions) Objects.requireNonNull(prompt.getOptions());
		PromptItems items = PromptItems.of(prompt.getInstructions());
		List<Tool> tools = tools(options);
		return this.chains.plan(settings(options, items.instructions(), tools), items.items(), tools);
	}

	private List<Tool> tools(ResponsesWsChatOptions options) {
		List<ToolDefinition> definitions = this.toolCallingManager.resolveToolDefinitions(options);
		List<Tool> tools = new ArrayList<>(definitions.size());
		for (ToolDefinition definition : definitions) {
			tools.add(FunctionTool.of(definition.name(), definition.description(), definition.inputSchema()));
		}
		return tools;
	}

	private static CreateResponse settings(ResponsesWsChatOptions options, @Nullable String instructions,
			List<Tool> tools) {
		CreateResponse.Builder request = CreateResponse.builder()
			.model(options.getModel())
			.instructions(instructions)
			.tools(tools)
			.store(options.getStore())
			.maxOutputTokens(options.getMaxOutputTokens());
		if (options.getTemperature() != null) {
			request.extra("temperature", options.getTemperature());
		}
		if (options.getTopP() != null) {
			request.extra("top_p", options.getTopP());
		}
		if (options.getReasoningEffort() != null || options.getReasoningSummary() != null) {
			ObjectNode reasoning = JsonNodeFactory.instance.objectNode();
			if (options.getReasoningEffort() != null) {
				reasoning.put("effort", options.getReasoningEffort());
			}
			if (options.getReasoningSummary() != null) {
				reasoning.put("summary", options.getReasoningSummary());
			}
			request.reasoning(reasoning);
		}
		for (Map.Entry<String, @Nullable Object> field : options.getExtra().entrySet()) {
			request.extra(field.getKey(), field.getValue());
		}
		return request.build();
	}

	/**
	 * Return the prompt with this model's options: the prompt's options, of any type, are laid
	 * over the defaults, so that a value the prompt leaves unset (its model, say) is the
	 * default's; a prompt without options gets the defaults.
	 */
	private Prompt requestPrompt(Prompt prompt) {
		ChatOptions options = prompt.getOptions();
		ResponsesWsChatOptions merged = (options != null)
				? this.defaultOptions.mutate().combineWith(options.mutate()).build() : this.defaultOptions;
		return prompt.mutate().chatOptions(merged).build();
	}

	/**
	 * Builds a {@link ResponsesWsChatModel}.
	 */
	public static final class Builder {

		private final ResponsesSession session;

		private ResponsesWsChatOptions defaultOptions = ResponsesWsChatOptions.builder().build();

		private @Nullable ToolCallingManager toolCallingManager;

		private ToolExecutionEligibilityChecker toolExecutionEligibilityChecker = (response) -> response != null
				&& response.hasToolCalls();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private int chainCapacity = DEFAULT_CHAIN_CAPACITY;

		private boolean elideToolExchanges = true;

		private Builder(ResponsesSession session) {
			this.session = Objects.requireNonNull(session, "session");
		}

		/**
		 * Set the options every call starts from.
		 * @param defaultOptions the options
		 * @return this builder
		 */
		public Builder defaultOptions(ResponsesWsChatOptions defaultOptions) {
			this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions");
			return this;
		}

		/**
		 * Set the manager that resolves tool definitions and, with internal tool execution,
		 * runs the calls. Default: Spring AI's default manager on the observation registry.
		 * @param toolCallingManager the manager
		 * @return this builder
		 */
		public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
			this.toolCallingManager = Objects.requireNonNull(toolCallingManager, "toolCallingManager");
			return this;
		}

		/**
		 * Set what decides, with internal tool execution, whether a response's tool calls are
		 * run. Default: any response with tool calls.
		 * @param checker the checker
		 * @return this builder
		 */
		public Builder toolExecutionEligibilityChecker(ToolExecutionEligibilityChecker checker) {
			this.toolExecutionEligibilityChecker = Objects.requireNonNull(checker, "checker");
			return this;
		}

		/**
		 * Set the registry the calls are observed in. Default: none.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Set how many recent responses are remembered for prefix chaining; the one used least
		 * recently is forgotten first. Default 1,024.
		 * @param chainCapacity the number of responses, at least 1
		 * @return this builder
		 */
		public Builder chainCapacity(int chainCapacity) {
			if (chainCapacity < 1) {
				throw new IllegalArgumentException("chainCapacity must be at least 1, got " + chainCapacity);
			}
			this.chainCapacity = chainCapacity;
			return this;
		}

		/**
		 * Set whether the answer that ends a tool loop also continues a history that leaves out
		 * the loop's tool exchange (its function calls, their outputs and the assistant text
		 * between them), as Spring AI's chat memory keeps a turn: the server then holds the
		 * exchange the history leaves out. With {@code false} such a history is sent in full,
		 * without the exchange. Default {@code true}.
		 * @param elideToolExchanges whether to continue such a history
		 * @return this builder
		 */
		public Builder chainAcrossElidedToolExchanges(boolean elideToolExchanges) {
			this.elideToolExchanges = elideToolExchanges;
			return this;
		}

		/**
		 * Build the model.
		 * @return the model
		 */
		public ResponsesWsChatModel build() {
			return new ResponsesWsChatModel(this);
		}

	}

}
