package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request as the simulator read it from the wire, independently of any client: the body of
 * {@code POST /v1/responses} or of a {@code response.create} message, validated the way the API
 * validates it.
 *
 * @param tree the request exactly as received (the WebSocket message keeps its {@code type}),
 * for reading or echoing any field
 * @param model the model
 * @param instructions the instructions, or {@code null}
 * @param input the input items, a string input read as one user message
 * @param tools the tools as sent
 * @param toolChoice how the model may use the tools
 * @param previousResponseId the response the request continues, or {@code null}
 * @param store whether the response is stored, {@code null} when not sent (the API stores)
 * @param generate {@code false} for a warm-up, {@code null} when not sent
 * @param streamId the lane, or {@code null} for the default lane
 * @param metadata the metadata, empty when not sent
 * @param parallelToolCalls whether several tools may be called at once, {@code null} when not
 * sent (the API allows it)
 */
public record SimulatedRequest(JsonNode tree, @Nullable String model, @Nullable String instructions,
		List<JsonNode> input, List<JsonNode> tools, ToolChoice toolChoice, @Nullable String previousResponseId,
		@Nullable Boolean store, @Nullable Boolean generate, @Nullable String streamId, Map<String, String> metadata,
		@Nullable Boolean parallelToolCalls) {

	/**
	 * Create a request; the collections are copied.
	 * @param tree the raw request
	 * @param model the model
	 * @param instructions the instructions
	 * @param input the input items
	 * @param tools the tools
	 * @param toolChoice the tool choice
	 * @param previousResponseId the previous response id
	 * @param store the store flag
	 * @param generate the generate flag
	 * @param streamId the lane
	 * @param metadata the metadata
	 * @param parallelToolCalls the parallel tool calls flag
	 */
	public SimulatedRequest {
		input = List.copyOf(input);
		tools = List.copyOf(tools);
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Return the function tools of the request, in the order they were declared.
	 * @return the function tools, possibly empty
	 */
	public List<FunctionDeclaration> functionTools() {
		List<FunctionDeclaration> functions = new ArrayList<>();
		for (JsonNode tool : this.tools) {
			if ("function".equals(tool.path("type").asString(null)) && tool.path("name").isString()) {
				functions.add(new FunctionDeclaration(tool.path("name").stringValue(),
						tool.path("description").isString() ? tool.path("description").stringValue() : null,
						tool.path("parameters")));
			}
		}
		return functions;
	}

	/**
	 * Return whether the request is a warm-up ({@code generate:false}), which produces no output.
	 * @return whether it is a warm-up
	 */
	public boolean warmUp() {
		return Boolean.FALSE.equals(this.generate);
	}

}
