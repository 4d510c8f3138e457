package dev.responsesws.client.conversation;

import java.time.Duration;

import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.Response;

/**
 * What an agent run emits: the model's events of every step, and markers for steps and tool
 * executions, ending with {@link Finished}.
 */
public sealed interface AgentEvent {

	/**
	 * Return the step this event belongs to, from 1.
	 * @return the step
	 */
	int step();

	/**
	 * A model turn starts.
	 * @param step the step
	 */
	record StepStarted(int step) implements AgentEvent {
	}

	/**
	 * An event of the model's turn.
	 * @param step the step
	 * @param event the event
	 */
	record Model(int step, ResponseEvent event) implements AgentEvent {
	}

	/**
	 * The model turn failed on the way and runs again; its events so far were already emitted.
	 * @param step the step
	 * @param attempt the attempt that starts now, from 2
	 * @param cause the failure
	 */
	record StepRetried(int step, int attempt, ResponsesException cause) implements AgentEvent {
	}

	/**
	 * The model turn ended.
	 * @param step the step
	 * @param response its final response
	 * @param sent whether the turn continued the chain, and the bytes its request took
	 */
	record StepFinished(int step, Response response, SentTurn sent) implements AgentEvent {
	}

	/**
	 * A tool call starts.
	 * @param step the step whose response asked for it
	 * @param call the call
	 */
	record ToolCallStarted(int step, FunctionCall call) implements AgentEvent {
	}

	/**
	 * A tool call ended.
	 * @param step the step whose response asked for it
	 * @param call the call
	 * @param output the output sent to the model
	 * @param failed whether the output reports an error (the tool threw, timed out, was unknown,
	 * or got invalid arguments)
	 * @param duration how long it took
	 */
	record ToolCallFinished(int step, FunctionCall call, String output, boolean failed, Duration duration)
			implements AgentEvent {
	}

	/**
	 * The run ended.
	 * @param step the last step
	 * @param result the outcome
	 */
	record Finished(int step, AgentResult result) implements AgentEvent {
	}

}
