package dev.responsesws.client.conversation;

import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.Usage;

/**
 * The outcome of an agent run.
 *
 * @param answer the text of the last response
 * @param steps the number of model turns
 * @param toolCalls the number of tool calls executed
 * @param usage the token usage summed over all turns
 * @param stopReason why the run ended
 * @param lastResponse the last response
 */
public record AgentResult(String answer, int steps, int toolCalls, Usage usage, StopReason stopReason,
		Response lastResponse) {

	/**
	 * Why an agent run ended.
	 */
	public enum StopReason {

		/** The model answered without calling a tool. */
		ANSWERED,

		/** The step limit was reached while the model still called tools. */
		STEP_LIMIT,

		/** The last response was incomplete (for example the output token limit). */
		INCOMPLETE

	}

}
