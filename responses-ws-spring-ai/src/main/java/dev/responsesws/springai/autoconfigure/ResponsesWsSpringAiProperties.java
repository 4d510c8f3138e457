package dev.responsesws.springai.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Spring AI chat model on WebSocket mode. Its model and {@code store}
 * default to {@code responses.ws.model} and {@code responses.ws.store}.
 */
@ConfigurationProperties("responses.ws.spring-ai")
public class ResponsesWsSpringAiProperties {

	/**
	 * Whether to create the responsesWsChatModel bean when Spring AI is on the classpath.
	 */
	private boolean enabled = true;

	/**
	 * Model of the chat model's calls; defaults to responses.ws.model.
	 */
	private @Nullable String model;

	/**
	 * Whether the server stores the chat model's responses; defaults to responses.ws.store.
	 */
	private @Nullable Boolean store;

	/**
	 * Sampling temperature, from 0 to 2.
	 */
	private @Nullable Double temperature;

	/**
	 * Nucleus sampling probability mass, from 0 to 1.
	 */
	private @Nullable Double topP;

	/**
	 * Largest number of output tokens of a response, sent as max_output_tokens.
	 */
	private @Nullable Integer maxOutputTokens;

	/**
	 * Reasoning effort of reasoning models, for example low, medium or high.
	 */
	private @Nullable String reasoningEffort;

	/**
	 * Reasoning summary mode of reasoning models, for example auto, concise or detailed.
	 */
	private @Nullable String reasoningSummary;

	/**
	 * Whether the chat model runs the tool calls it receives itself; leave it off with
	 * ChatClient, whose tool calling advisor runs them.
	 */
	private boolean internalToolExecution;

	/**
	 * Number of recent responses remembered to send only the new messages of a resent
	 * history, at least 1.
	 */
	private int chainCapacity = 1024;

	/**
	 * Extra request fields sent with every call, as strings.
	 */
	private Map<String, String> extra = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable Boolean getStore() {
		return this.store;
	}

	public void setStore(@Nullable Boolean store) {
		this.store = store;
	}

	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	public void setTemperature(@Nullable Double temperature) {
		this.temperature = temperature;
	}

	public @Nullable Double getTopP() {
		return this.topP;
	}

	public void setTopP(@Nullable Double topP) {
		this.topP = topP;
	}

	public @Nullable Integer getMaxOutputTokens() {
		return this.maxOutputTokens;
	}

	public void setMaxOutputTokens(@Nullable Integer maxOutputTokens) {
		this.maxOutputTokens = maxOutputTokens;
	}

	public @Nullable String getReasoningEffort() {
		return this.reasoningEffort;
	}

	public void setReasoningEffort(@Nullable String reasoningEffort) {
		this.reasoningEffort = reasoningEffort;
	}

	public @Nullable String getReasoningSummary() {
		return this.reasoningSummary;
	}

	public void setReasoningSummary(@Nullable String reasoningSummary) {
		this.reasoningSummary = reasoningSummary;
	}

	public boolean isInternalToolExecution() {
		return this.internalToolExecution;
	}

	public void setInternalToolExecution(boolean internalToolExecution) {
		this.internalToolExecution = internalToolExecution;
	}

	public int getChainCapacity() {
		return this.chainCapacity;
	}

	public void setChainCapacity(int chainCapacity) {
		this.chainCapacity = chainCapacity;
	}

	public Map<String, String> getExtra() {
		return this.extra;
	}

	public void setExtra(Map<String, String> extra) {
		this.extra = extra;
	}

}
