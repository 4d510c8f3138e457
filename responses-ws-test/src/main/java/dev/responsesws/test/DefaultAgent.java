package dev.responsesws.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's default responder, a small deterministic tool-using agent; see
 * {@link Responders#defaultAgent()}.
 */
final class DefaultAgent implements Responder {

	static final DefaultAgent INSTANCE = new DefaultAgent();

	private DefaultAgent() {
	}

	@Override
	public OutputPlan respond(TurnContext turn) {
		ToolChoice choice = turn.toolChoice();
		List<FunctionDeclaration> tools = turn.functionTools();
		String message = lastInputUserText(turn);
		if (choice.mode() != ToolChoice.Mode.NONE && !tools.isEmpty()) {
			List<FunctionDeclaration> calls = toolsToCall(turn, choice, tools, message);
			if (!calls.isEmpty()) {
				String text = (message != null) ? message : turn.lastUserText();
				return call(calls, (text != null) ? text : "");
			}
		}
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
		String quoted = (message != null) ? message : turn.lastUserText();
		return OutputPlan.text((quoted != null) ? "You said: " + quoted : "Hello from the simulator.");
	}

	private static List<FunctionDeclaration> toolsToCall(TurnContext turn, ToolChoice choice,
			List<FunctionDeclaration> tools, @Nullable String message) {
		if (choice.mode() == ToolChoice.Mode.FUNCTION) {
			return tools.stream().filter((tool) -> tool.name().equals(choice.function())).limit(1).toList();
		}
		if (choice.mode() == ToolChoice.Mode.REQUIRED) {
			String text = (message != null) ? message : turn.lastUserText();
			List<FunctionDeclaration> chosen = (text != null) ? ToolMatcher.choose(tools, text) : List.of();
			return limit(turn, chosen.isEmpty() ? List.of(tools.get(0)) : chosen);
		}
		if (message == null || !turn.newFunctionCallOutputs().isEmpty()) {
			return List.of();
		}
		return limit(turn, ToolMatcher.choose(tools, message));
	}

	private static List<FunctionDeclaration> limit(TurnContext turn, List<FunctionDeclaration> tools) {
		boolean parallel = !Boolean.FALSE.equals(turn.request().parallelToolCalls());
		return (parallel || tools.size() <= 1) ? tools : tools.subList(0, 1);
	}

	private static OutputPlan call(List<FunctionDeclaration> tools, String message) {
		OutputPlan plan = null;
		for (FunctionDeclaration tool : tools) {
			String arguments = ToolArguments.from(tool.parameters(), message);
			plan = (plan == null) ? OutputPlan.functionCall(tool.name(), arguments)
					: plan.thenFunctionCall(tool.name(), arguments);
		}
		return Objects.requireNonNull(plan);
	}

	private static @Nullable String lastInputUserText(TurnContext turn) {
		List<JsonNode> input = turn.input();
		if (input.isEmpty()) {
			return null;
		}
		JsonNode last = input.get(input.size() - 1);
		return "user".equals(last.path("role").asString(null)) ? ConversationItems.text(last) : null;
	}

}
