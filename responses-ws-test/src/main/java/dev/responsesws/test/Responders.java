package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * Ready-made {@link Responder}s.
 */
public final class Responders {

	private Responders() {
	}

	/**
	 * A small deterministic agent, the simulator's default. When the turn's input ends with a
	 * user message that plausibly asks for one of the request's function tools, it calls it: the
	 * tools the message names (all of them, in parallel, unless {@code parallel_tool_calls} is
	 * {@code false}), otherwise the tool whose name and description match the message best (an
	 * arithmetic tool for an expression, a tool with a city parameter for a city), with arguments
	 * made up from the tool's JSON schema and the message (enum values, numbers, expressions,
	 * IANA time zones, cities, quoted or capitalised names). It honours {@code tool_choice}:
	 * {@code none} never calls a tool, {@code required} always calls one (the first tool when
	 * none matches), a named function is always that function. When the input carries function
	 * call outputs, it answers in text that quotes them; otherwise it answers in text that
	 * quotes the user's last message.
	 * @return the responder
	 */
	public static Responder defaultAgent() {
		return DefaultAgent.INSTANCE;
	}

	/**
	 * A tool loop: calls {@code toolName} with {@code {"step":N}} until the conversation holds
	 * {@code calls} function call outputs, then answers
	 * {@code "Done after N tool calls: output1, output2, ..."}. The count is taken from the
	 * whole conversation the server sees, so a chain replayed on a new connection continues
	 * where it was.
	 * @param toolName the function to call
	 * @param calls the number of calls before the final answer
	 * @return the responder
	 */
	public static Responder toolLoop(String toolName, int calls) {
		Objects.requireNonNull(toolName);
		if (calls < 0) {
			throw new IllegalArgumentException("calls must not be negative");
		}
		return (turn) -> {
			List<JsonNode> outputs = ConversationItems.ofType(turn.conversation(), "function_call_output");
			if (outputs.size() < calls) {
				return OutputPlan.functionCall(toolName, "{\"step\":" + (outputs.size() + 1) + "}");
			}
			List<String> results = new ArrayList<>();
			outputs.forEach((output) -> results.add(output.path("output").asString("")));
			return OutputPlan.text("Done after " + outputs.size() + " tool calls: " + String.join(", ", results));
		};
	}

	/**
	 * Always the same plan.
	 * @param plan the plan
	 * @return the responder
	 */
	public static Responder always(OutputPlan plan) {
		Objects.requireNonNull(plan);
		return (turn) -> plan;
	}

}
