package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.responsesws.client.request.FunctionTool;
import tools.jackson.databind.JsonNode;

/**
 * Ready-made {@link Responder}s.
 */
public final class Responders {

	private Responders() {
	}

	/**
	 * A small deterministic agent, the simulator's default. When the request offers function
	 * tools and the turn's input ends with a user message, it calls the tools the message names
	 * (all of them, in parallel), or the first tool when none is named, with arguments made up
	 * from the tool's JSON schema and the message. When the input carries function call outputs,
	 * it answers in text that quotes them. Otherwise it answers in text that quotes the user's
	 * last message.
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

	private static final class DefaultAgent implements Responder {

		private static final DefaultAgent INSTANCE = new DefaultAgent();

		@Override
		public OutputPlan respond(TurnContext turn) {
			List<JsonNode> outputs = turn.newFunctionCallOutputs();
			if (!outputs.isEmpty()) {
				List<String> findings = new ArrayList<>();
				for (JsonNode output : outputs) {
					String callId = output.path("call_id").asString("");
					String name = turn.functionNameOf(callId);
					findings.add(((name != null) ? name : callId) + " returned " + output.path("output").asString(""));
				}
				return OutputPlan.text("Here is what I found: " + String.join("; ", findings) + ".");
			}
			String message = lastInputUserText(turn);
			List<FunctionTool> tools = turn.functionTools();
			if (message != null && !tools.isEmpty()) {
				OutputPlan plan = null;
				for (FunctionTool tool : chooseTools(tools, message)) {
					String arguments = ToolArguments.from(tool.parameters(), message);
					plan = (plan == null) ? OutputPlan.functionCall(tool.name(), arguments)
							: plan.thenFunctionCall(tool.name(), arguments);
				}
				return Objects.requireNonNull(plan);
			}
			String quoted = (message != null) ? message : turn.lastUserText();
			return OutputPlan.text((quoted != null) ? "You said: " + quoted : "Hello from the simulator.");
		}

		private static List<FunctionTool> chooseTools(List<FunctionTool> tools, String message) {
			String lower = message.toLowerCase(java.util.Locale.ROOT);
			List<FunctionTool> named = new ArrayList<>();
			for (FunctionTool tool : tools) {
				String name = tool.name().toLowerCase(java.util.Locale.ROOT);
				if (lower.contains(name) || lower.contains(name.replace('_', ' '))) {
					named.add(tool);
				}
			}
			return named.isEmpty() ? List.of(tools.get(0)) : named;
		}

		private static @org.jspecify.annotations.Nullable String lastInputUserText(TurnContext turn) {
			List<JsonNode> input = turn.input();
			if (input.isEmpty()) {
				return null;
			}
			JsonNode last = input.get(input.size() - 1);
			return "user".equals(last.path("role").asString(null)) ? ConversationItems.text(last) : null;
		}

	}

}
