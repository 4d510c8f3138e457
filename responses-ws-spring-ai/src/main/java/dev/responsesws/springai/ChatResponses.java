package dev.responsesws.springai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Spring AI's form of a response: one generation whose assistant message holds the text of all
 * output messages and every function call, and metadata with the response id, the model and the
 * usage.
 */
final class ChatResponses {

	/** Metadata key of the reasoning tokens of the response. */
	static final String REASONING_TOKENS = "reasoning-tokens";

	/** Metadata key of the response a chained turn continued. */
	static final String PREVIOUS_RESPONSE_ID = "previous-response-id";

	/** Metadata key of the response status. */
	static final String STATUS = "status";

	private ChatResponses() {
	}

	/**
	 * Return the assistant message of a response.
	 * @param response the response
	 * @return the message
	 */
	static AssistantMessage assistant(Response response) {
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		for (FunctionCall call : response.functionCalls()) {
			calls.add(new AssistantMessage.ToolCall(call.callId(), "function", call.name(), call.arguments()));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("id", response.id());
		if (response.status() != null) {
			properties.put(STATUS, response.status());
		}
		return AssistantMessage.builder().content(response.outputText()).properties(properties).toolCalls(calls).build();
	}

	/**
	 * Return the chat response of a response.
	 * @param response the response
	 * @param previousResponseId the response the turn continued, if it was chained
	 * @param usage the usage to report, the response's own or one summed over a tool loop
	 * @return the chat response
	 */
	static ChatResponse of(Response response, @Nullable String previousResponseId, Usage usage) {
		Generation generation = new Generation(assistant(response),
				ChatGenerationMetadata.builder().finishReason(finishReason(response)).build());
		return new ChatResponse(List.of(generation), metadata(response, previousResponseId, usage));
	}

	/**
	 * Return the metadata of a response.
	 * @param response the response
	 * @param previousResponseId the response the turn continued, if it was chained
	 * @param usage the usage to report
	 * @return the metadata
	 */
	static ChatResponseMetadata metadata(Response response, @Nullable String previousResponseId, Usage usage) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder()
			.id(response.id())
			.usage(usage)
			.keyValue(REASONING_TOKENS, response.usage().reasoningTokens());
		if (response.model() != null) {
			metadata.model(response.model());
		}
		if (response.status() != null) {
			metadata.keyValue(STATUS, response.status());
		}
		if (previousResponseId != null) {
			metadata.keyValue(PREVIOUS_RESPONSE_ID, previousResponseId);
		}
		return metadata.build();
	}

	/**
	 * Return the usage of a response in Spring AI's form: prompt tokens are input tokens, cached
	 * input tokens are cache reads, the native usage is the library's {@link
	 * dev.responsesws.client.response.Usage}.
	 * @param response the response
	 * @return the usage
	 */
	static DefaultUsage usage(Response response) {
		dev.responsesws.client.response.Usage usage = response.usage();
		return new DefaultUsage(Math.toIntExact(usage.inputTokens()), Math.toIntExact(usage.outputTokens()),
				Math.toIntExact(usage.totalTokens()), usage, usage.cachedInputTokens(), null);
	}

	/**
	 * Return the finish reason in the form Spring AI's OpenAI models use: {@code TOOL_CALLS},
	 * {@code STOP}, {@code LENGTH} for an answer cut at {@code max_output_tokens}, the upper-case
	 * incomplete reason otherwise.
	 */
	static String finishReason(Response response) {
		if (!response.functionCalls().isEmpty()) {
			return "TOOL_CALLS";
		}
		if ("incomplete".equals(response.status())) {
			String reason = response.incompleteReason();
			if (reason == null || "max_output_tokens".equals(reason)) {
				return "LENGTH";
			}
			return reason.toUpperCase(Locale.ROOT);
		}
		return "STOP";
	}

}
