package dev.responsesws.client.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.request.FunctionCallOutput;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.Tool;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One agent run on a conversation: model turn, the function calls it asked for (in parallel),
 * their outputs in the next turn, until the model answers without calls or the step limit is
 * reached. A turn that fails on the way (connection lost, timeout, 5xx) runs again, replayed by
 * the conversation on a new chain when needed.
 */
final class AgentLoop {

	private final Conversation conversation;

	private final List<Tool> definitions = new ArrayList<>();

	private final ToolExecutor executor;

	private final AgentOptions options;

	private int toolCalls;

	AgentLoop(Conversation conversation, List<AgentTool> tools, AgentOptions options) {
		this.conversation = conversation;
		Map<String, AgentTool> byName = new LinkedHashMap<>();
		for (AgentTool tool : tools) {
			if (byName.put(tool.name(), tool) != null) {
				throw new IllegalArgumentException("Two tools are named '" + tool.name() + "'");
			}
			this.definitions.add(tool.definition());
		}
		this.executor = new ToolExecutor(byName, options.toolTimeout());
		this.options = options;
	}

	Flux<AgentEvent> run(List<InputItem> input) {
		return step(1, input, Usage.ZERO, 1);
	}

	private Flux<AgentEvent> step(int step, List<InputItem> input, Usage usage, int attempt) {
		Response[] response = new Response[1];
		Flux<AgentEvent> turn = this.conversation.send(input, this.definitions).map((event) -> {
			if (event instanceof ResponseTerminalEvent terminal) {
				response[0] = terminal.response();
			}
			return (AgentEvent) new AgentEvent.Model(step, event);
		});
		Flux<AgentEvent> started = (attempt == 1) ? Flux.just(new AgentEvent.StepStarted(step)) : Flux.empty();
		return started.concatWith(turn)
			.concatWith(Flux.defer(() -> afterTurn(step, response[0], usage)))
			.onErrorResume(ResponsesException.class, (error) -> {
				if (response[0] == null && attempt <= this.options.maxStepRetries() && retryable(error)) {
					return Mono.delay(java.time.Duration.ofMillis(100L * attempt))
						.thenMany(Flux.<AgentEvent>just(new AgentEvent.StepRetried(step, attempt + 1, error))
							.concatWith(step(step, input, usage, attempt + 1)));
				}
				return Flux.error(error);
			});
	}

	private Flux<AgentEvent> afterTurn(int step, Response response, Usage usage) {
		Usage total = usage.plus(response.usage());
		List<FunctionCall> calls = response.functionCalls();
		Flux<AgentEvent> finished = Flux.just(new AgentEvent.StepFinished(step, response, this.conversation.lastSent()));
		if ("incomplete".equals(response.status())) {
			return finished.concatWith(Flux.just(finish(step, response, total, AgentResult.StopReason.INCOMPLETE)));
		}
		if (calls.isEmpty()) {
			return finished.concatWith(Flux.just(finish(step, response, total, AgentResult.StopReason.ANSWERED)));
		}
		if (step >= this.options.maxSteps()) {
			return finished.concatWith(Flux.just(finish(step, response, total, AgentResult.StopReason.STEP_LIMIT)));
		}
		FunctionCallOutput[] outputs = new FunctionCallOutput[calls.size()];
		Flux<AgentEvent> starts = Flux.fromIterable(calls).map((call) -> new AgentEvent.ToolCallStarted(step, call));
		Flux<AgentEvent> executions = Flux.range(0, calls.size()).flatMap((i) -> {
			FunctionCall call = calls.get(i);
			return this.executor.execute(call).map((outcome) -> {
				outputs[i] = new FunctionCallOutput(call.callId(), outcome.output());
				return new AgentEvent.ToolCallFinished(step, call, outcome.output(), outcome.failed(),
						outcome.duration());
			});
		});
		return finished.concatWith(starts).concatWith(executions).concatWith(Flux.defer(() -> {
			this.toolCalls += calls.size();
			return step(step + 1, List.of(outputs), total, 1);
		}));
	}

	private AgentEvent finish(int step, Response response, Usage usage, AgentResult.StopReason reason) {
		return new AgentEvent.Finished(step,
				new AgentResult(response.outputText(), step, this.toolCalls, usage, reason, response));
	}

	private static boolean retryable(ResponsesException error) {
		if (error instanceof ResponsesApiException api) {
			Integer status = api.status();
			return status != null && (status >= 500 || status == 429);
		}
		return error instanceof ConnectionClosedException || error instanceof TransportException
				|| error instanceof ResponsesTimeoutException;
	}

}
