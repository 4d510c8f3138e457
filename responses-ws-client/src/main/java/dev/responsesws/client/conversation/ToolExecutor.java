package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.response.FunctionCall;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one function call with its tool's handler, off the event loop and within the timeout,
 * and turns every failure into an error output the model can read.
 */
final class ToolExecutor {

	private final Map<String, AgentTool> tools;

	private final Duration timeout;

	ToolExecutor(Map<String, AgentTool> tools, Duration timeout) {
		this.tools = tools;
		this.timeout = timeout;
	}

	Mono<Outcome> execute(FunctionCall call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			AgentTool tool = this.tools.get(call.name());
			if (tool == null) {
				return Mono.just(failure("Unknown tool '" + call.name() + "'; available: " + this.tools.keySet(), start));
			}
			JsonNode arguments;
			try {
				arguments = ProtocolJson.mapper().readTree(call.arguments().isBlank() ? "{}" : call.arguments());
			}
			catch (JacksonException ex) {
				return Mono.just(failure("The arguments are not valid JSON: " + ex.getOriginalMessage(), start));
			}
			return Mono.defer(() -> tool.handler().apply(arguments))
				.subscribeOn(Schedulers.boundedElastic())
				.timeout(this.timeout)
				.map((output) -> new Outcome(output, false, elapsed(start)))
				.defaultIfEmpty(new Outcome("", false, elapsed(start)))
				.onErrorResume((error) -> Mono.just(failure(describe(error), start)));
		});
	}

	private String describe(Throwable error) {
		if (error instanceof TimeoutException) {
			return "The tool did not finish within " + this.timeout;
		}
		return "The tool failed: " + error.getClass().getSimpleName()
				+ ((error.getMessage() != null) ? ": " + error.getMessage() : "");
	}

	private static Outcome failure(String message, long start) {
		ObjectNode output = ProtocolJson.mapper().createObjectNode();
		output.put("error", message);
		return new Outcome(output.toString(), true, elapsed(start));
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * The output of a call.
	 * @param output the text sent to the model
	 * @param failed whether it reports an error
	 * @param duration how long the call took
	 */
	record Outcome(String output, boolean failed, Duration duration) {
	}

}
