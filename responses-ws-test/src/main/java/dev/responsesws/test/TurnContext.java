package dev.responsesws.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the simulator knows about a turn when it asks the {@link Responder} for a plan.
 *
 * @param request the request as the simulator read it
 * @param history the items the server already had for the chain (from the connection's cache
 * or the store), empty for a new chain
 * @param input this turn's input items
 * @param cacheHit whether {@code previous_response_id} was served from the connection's cache
 * @param connectionId the connection the request came on ({@code http-N} for HTTP requests)
 * @param transport how the request came
 * @param turn the number of the request on its connection, from 1
 */
public record TurnContext(SimulatedRequest request, List<JsonNode> history, List<JsonNode> input, boolean cacheHit,
		String connectionId, Transport transport, int turn) {

	/**
	 * Create a context; the lists are copied.
	 * @param request the request
	 * @param history the earlier items
	 * @param input the new items
	 * @param cacheHit whether the connection's cache was hit
	 * @param connectionId the connection id
	 * @param transport the transport
	 * @param turn the turn number
	 */
	public TurnContext {
		history = List.copyOf(history);
		input = List.copyOf(input);
	}

	/**
	 * Return the whole conversation: the history followed by this turn's input.
	 * @return the items
	 */
	public List<JsonNode> conversation() {
		List<JsonNode> all = new ArrayList<>(this.history.size() + this.input.size());
		all.addAll(this.history);
		all.addAll(this.input);
		return Collections.unmodifiableList(all);
	}

	/**
	 * Return the function tools of the request.
	 * @return the tools, possibly empty
	 */
	public List<FunctionDeclaration> functionTools() {
		return this.request.functionTools();
	}

	/**
	 * Return how the request lets the model use its tools; responders that call tools should
	 * honour it, as the default agent does.
	 * @return the tool choice
	 */
	public ToolChoice toolChoice() {
		return this.request.toolChoice();
	}

	/**
	 * Return the text of the last user message of the conversation.
	 * @return the text, or {@code null} if there is none
	 */
	public @Nullable String lastUserText() {
		List<JsonNode> all = conversation();
		for (int i = all.size() - 1; i >= 0; i--) {
			JsonNode item = all.get(i);
			if ("user".equals(item.path("role").asString(null))) {
				return ConversationItems.text(item);
			}
		}
		return null;
	}

	/**
	 * Return the {@code function_call_output} items of this turn's input.
	 * @return the items, possibly empty
	 */
	public List<JsonNode> newFunctionCallOutputs() {
		return ConversationItems.ofType(this.input, "function_call_output");
	}

	/**
	 * Return how many {@code function_call_output} items the whole conversation holds.
	 * @return the count
	 */
	public int functionCallOutputCount() {
		return ConversationItems.ofType(conversation(), "function_call_output").size();
	}

	/**
	 * Return the name of the function of an earlier call.
	 * @param callId the call id
	 * @return the function name, or {@code null} if the conversation has no such call
	 */
	public @Nullable String functionNameOf(String callId) {
		for (JsonNode item : conversation()) {
			if ("function_call".equals(item.path("type").asString(null))
					&& callId.equals(item.path("call_id").asString(null))) {
				return item.path("name").asString(null);
			}
		}
		return null;
	}

}
