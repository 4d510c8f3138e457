package dev.responsesws.springai;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Options of a {@link ResponsesWsChatModel}: the portable Spring AI options (model,
 * temperature, top-p, {@link #getMaxTokens() max tokens} sent as {@code max_output_tokens}, tool
 * callbacks and tool context), plus reasoning effort and summary, {@code store}, whether the
 * model runs tool calls itself, and extra request fields sent as they are.
 *
 * <pre>{@code
 * ResponsesWsChatOptions options = ResponsesWsChatOptions.builder()
 *     .model("gpt-5.1")
 *     .reasoningEffort("low")
 *     .extra("prompt_cache_key", "support-bot")
 *     .build();
 * }</pre>
 */
public class ResponsesWsChatOptions extends DefaultToolCallingChatOptions {

	private final @Nullable String reasoningEffort;

	private final @Nullable String reasoningSummary;

	private final @Nullable Boolean store;

	private final @Nullable Boolean internalToolExecutionEnabled;

	private final Map<String, @Nullable Object> extra;

	private ResponsesWsChatOptions(Builder<?> builder, @Nullable List<ToolCallback> toolCallbacks,
			@Nullable Map<String, Object> toolContext, @Nullable String model, @Nullable Double frequencyPenalty,
			@Nullable Integer maxTokens, @Nullable Double presencePenalty, @Nullable List<String> stopSequences,
			@Nullable Double temperature, @Nullable Integer topK, @Nullable Double topP) {
		super(toolCallbacks, toolContext, model, frequencyPenalty, maxTokens, presencePenalty, stopSequences,
				temperature, topK, topP);
		this.reasoningEffort = builder.reasoningEffort;
		this.reasoningSummary = builder.reasoningSummary;
		this.store = builder.store;
		this.internalToolExecutionEnabled = builder.internalToolExecutionEnabled;
		this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extra));
	}

	/**
	 * Create a builder.
	 * @return a builder with nothing set
	 */
	public static Builder<?> builder() {
		return new Builder<>();
	}

	/**
	 * Return the reasoning effort, sent as {@code reasoning.effort}.
	 * @return the effort, for example {@code low}, or {@code null} for the server's default
	 */
	public @Nullable String getReasoningEffort() {
		return this.reasoningEffort;
	}

	/**
	 * Return the reasoning summary mode, sent as {@code reasoning.summary}.
	 * @return the mode, for example {@code auto}, or {@code null} for none
	 */
	public @Nullable String getReasoningSummary() {
		return this.reasoningSummary;
	}

	/**
	 * Return whether the server stores the responses.
	 * @return the setting, or {@code null} for the server's default
	 */
	public @Nullable Boolean getStore() {
		return this.store;
	}

	/**
	 * Return the largest number of output tokens, sent as {@code max_output_tokens}; the same as
	 * {@link #getMaxTokens()}.
	 * @return the limit, or {@code null} for none
	 */
	public @Nullable Integer getMaxOutputTokens() {
		return getMaxTokens();
	}

	/**
	 * Return whether the model runs the tool calls it receives itself, through its
	 * {@link org.springframework.ai.model.tool.ToolCallingManager}, and sends their results back
	 * until the answer has no tool call. With a Spring AI {@code ChatClient} leave it unset: its
	 * tool calling advisor runs the tools.
	 * @return the setting, or {@code null} for the default, {@code false}
	 */
	public @Nullable Boolean getInternalToolExecutionEnabled() {
		return this.internalToolExecutionEnabled;
	}

	/**
	 * Return the extra request fields, merged into each {@code response.create} as they are.
	 * @return the fields, an unmodifiable map
	 */
	public Map<String, @Nullable Object> getExtra() {
		return this.extra;
	}

	@Override
	public Builder<?> mutate() {
		Builder<?> builder = builder().model(getModel())
			.frequencyPenalty(getFrequencyPenalty())
			.maxTokens(getMaxTokens())
			.presencePenalty(getPresencePenalty())
			.stopSequences(getStopSequences())
			.temperature(getTemperature())
			.topK(getTopK())
			.topP(getTopP())
			.toolCallbacks(getToolCallbacks())
			.toolContext(getToolContext());
		builder.reasoningEffort = this.reasoningEffort;
		builder.reasoningSummary = this.reasoningSummary;
		builder.store = this.store;
		builder.internalToolExecutionEnabled = this.internalToolExecutionEnabled;
		builder.extra.putAll(this.extra);
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (!super.equals(other)) {
			return false;
		}
		ResponsesWsChatOptions that = (ResponsesWsChatOptions) other;
		return Objects.equals(this.reasoningEffort, that.reasoningEffort)
				&& Objects.equals(this.reasoningSummary, that.reasoningSummary)
				&& Objects.equals(this.store, that.store)
				&& Objects.equals(this.internalToolExecutionEnabled, that.internalToolExecutionEnabled)
				&& this.extra.equals(that.extra);
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.reasoningEffort, this.reasoningSummary, this.store,
				this.internalToolExecutionEnabled, this.extra);
	}

	/**
	 * Builds {@link ResponsesWsChatOptions}.
	 *
	 * @param <B> the builder type
	 */
	public static class Builder<B extends Builder<B>> extends DefaultToolCallingChatOptions.Builder<B> {

		private @Nullable String reasoningEffort;

		private @Nullable String reasoningSummary;

		private @Nullable Boolean store;

		private @Nullable Boolean internalToolExecutionEnabled;

		private Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		/**
		 * Create a builder with nothing set.
		 */
		protected Builder() {
		}

		/**
		 * Set the reasoning effort.
		 * @param reasoningEffort for example {@code minimal}, {@code low}, {@code medium},
		 * {@code high}
		 * @return this builder
		 */
		public B reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return self();
		}

		/**
		 * Set the reasoning summary mode.
		 * @param reasoningSummary for example {@code auto}, {@code concise}, {@code detailed}
		 * @return this builder
		 */
		public B reasoningSummary(@Nullable String reasoningSummary) {
			this.reasoningSummary = reasoningSummary;
			return self();
		}

		/**
		 * Set whether the server stores the responses. With {@code true}, a turn can continue
		 * a response that no connection holds any more.
		 * @param store the setting
		 * @return this builder
		 */
		public B store(@Nullable Boolean store) {
			this.store = store;
			return self();
		}

		/**
		 * Set the largest number of output tokens; the same as {@link #maxTokens(Integer)}.
		 * @param maxOutputTokens the limit
		 * @return this builder
		 */
		public B maxOutputTokens(@Nullable Integer maxOutputTokens) {
			return maxTokens(maxOutputTokens);
		}

		/**
		 * Set whether the model runs the tool calls it receives itself.
		 * @param enabled the setting
		 * @return this builder
		 * @see ResponsesWsChatOptions#getInternalToolExecutionEnabled()
		 */
		public B internalToolExecutionEnabled(@Nullable Boolean enabled) {
			this.internalToolExecutionEnabled = enabled;
			return self();
		}

		/**
		 * Add an extra request field, sent as it is; {@code null} removes the field from the
		 * request.
		 * @param name the field name, for example {@code prompt_cache_key}
		 * @param value the value: a string, number, boolean, map, list or Jackson tree
		 * @return this builder
		 */
		public B extra(String name, @Nullable Object value) {
			this.extra.put(Objects.requireNonNull(name, "name"), value);
			return self();
		}

		/**
		 * Add extra request fields.
		 * @param fields the fields
		 * @return this builder
		 */
		public B extra(Map<String, ?> fields) {
			this.extra.putAll(fields);
			return self();
		}

		@Override
		public B clone() {
			B copy = super.clone();
			((Builder<?>) copy).extra = new LinkedHashMap<>(this.extra);
			return copy;
		}

		@Override
		public B combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder<?> that) {
				if (that.reasoningEffort != null) {
					this.reasoningEffort = that.reasoningEffort;
				}
				if (that.reasoningSummary != null) {
					this.reasoningSummary = that.reasoningSummary;
				}
				if (that.store != null) {
					this.store = that.store;
				}
				if (that.internalToolExecutionEnabled != null) {
					this.internalToolExecutionEnabled = that.internalToolExecutionEnabled;
				}
				this.extra.putAll(that.extra);
			}
			return self();
		}

		@Override
		public ResponsesWsChatOptions build() {
			return new ResponsesWsChatOptions(this, this.toolCallbacks, this.toolContext, this.model,
					this.frequencyPenalty, this.maxTokens, this.presencePenalty, this.stopSequences, this.temperature,
					this.topK, this.topP);
		}

	}

}
