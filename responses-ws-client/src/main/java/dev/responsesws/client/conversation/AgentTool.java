package dev.responsesws.client.conversation;

import java.util.Objects;
import java.util.function.Function;

import dev.responsesws.client.request.FunctionTool;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A function tool and the code that runs it. The handler receives the parsed arguments and
 * returns the output text the model sees (often JSON). Handlers run off the event loop; a
 * handler that throws, times out or gets arguments that are not JSON produces an error output
 * for the model instead of ending the run.
 *
 * @param definition the tool as the model sees it
 * @param handler runs one call
 */
public record AgentTool(FunctionTool definition, Function<JsonNode, Mono<String>> handler) {

	/**
	 * Create a tool.
	 * @param definition the tool as the model sees it
	 * @param handler runs one call
	 */
	public AgentTool {
		Objects.requireNonNull(definition, "definition");
		Objects.requireNonNull(handler, "handler");
	}

	/**
	 * Create a tool with a blocking handler (it runs on a bounded elastic thread).
	 * @param name the function name
	 * @param description what it does, for the model
	 * @param parametersSchema the JSON schema of the arguments
	 * @param handler computes the output from the arguments
	 * @return the tool
	 */
	public static AgentTool of(String name, String description, String parametersSchema,
			Function<JsonNode, String> handler) {
		Objects.requireNonNull(handler, "handler");
		return new AgentTool(FunctionTool.of(name, description, parametersSchema),
				(arguments) -> Mono.fromCallable(() -> handler.apply(arguments)));
	}

	/**
	 * Create a tool with a reactive handler.
	 * @param name the function name
	 * @param description what it does, for the model
	 * @param parametersSchema the JSON schema of the arguments
	 * @param handler produces the output from the arguments
	 * @return the tool
	 */
	public static AgentTool reactive(String name, String description, String parametersSchema,
			Function<JsonNode, Mono<String>> handler) {
		return new AgentTool(FunctionTool.of(name, description, parametersSchema), handler);
	}

	/**
	 * Return the function name.
	 * @return the name
	 */
	public String name() {
		return this.definition.name();
	}

}
