package dev.responsesws.client.conversation;

import java.time.Duration;

/**
 * Limits of an agent run.
 *
 * @param maxSteps the most model turns; the run stops with {@link AgentResult.StopReason#STEP_LIMIT}
 * after that many
 * @param toolTimeout the longest a single tool call may take
 * @param maxStepRetries how often a model turn that failed on the way (connection lost, timeout,
 * server error) is run again before the run fails
 */
public record AgentOptions(int maxSteps, Duration toolTimeout, int maxStepRetries) {

	/** 25 steps, 30 seconds per tool call, 2 retries per step. */
	public static final AgentOptions DEFAULTS = new AgentOptions(25, Duration.ofSeconds(30), 2);

	/**
	 * Create options.
	 * @param maxSteps the most model turns
	 * @param toolTimeout the tool call timeout
	 * @param maxStepRetries the retries per step
	 */
	public AgentOptions {
		if (maxSteps < 1) {
			throw new IllegalArgumentException("maxSteps must be at least 1");
		}
		if (toolTimeout.isNegative() || toolTimeout.isZero()) {
			throw new IllegalArgumentException("toolTimeout must be positive");
		}
		if (maxStepRetries < 0) {
			throw new IllegalArgumentException("maxStepRetries must not be negative");
		}
	}

	/**
	 * Return these options with another step limit.
	 * @param maxSteps the most model turns
	 * @return new options
	 */
	public AgentOptions withMaxSteps(int maxSteps) {
		return new AgentOptions(maxSteps, this.toolTimeout, this.maxStepRetries);
	}

	/**
	 * Return these options with another tool timeout.
	 * @param toolTimeout the tool call timeout
	 * @return new options
	 */
	public AgentOptions withToolTimeout(Duration toolTimeout) {
		return new AgentOptions(this.maxSteps, toolTimeout, this.maxStepRetries);
	}

}
