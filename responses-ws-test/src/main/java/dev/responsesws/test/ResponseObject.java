package dev.responsesws.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Response object that the lifecycle events of one response carry, with every field
 * the API sends, in the API's order. The request's settings are echoed from the JSON the
 * simulator received (not from a decoded request), with the API's defaults where the request
 * has none: {@code tools} as sent with {@code strict} filled in, {@code tool_choice}
 * {@code "auto"}, {@code parallel_tool_calls} {@code true}, {@code text.format}
 * {@code {"type":"text"}}, {@code metadata} {@code {}}, and so on.
 */
final class ResponseObject {

	private static final String DEFAULT_MODEL = "simulated-model";

	private final String id;

	private final JsonNode request;

	private final long createdAt;

	/**
	 * Create the builder of one response.
	 * @param id the response id
	 * @param request the request body as received (over WebSocket with its {@code type})
	 * @param createdAt when the response was created, in epoch seconds
	 */
	ResponseObject(String id, JsonNode request, long createdAt) {
		this.id = id;
		this.request = request;
		this.createdAt = createdAt;
	}

	/** The response of {@code response.created} and {@code response.in_progress}. */
	ObjectNode inProgress() {
		return build("in_progress", List.of(), null, null, null, null);
	}

	/**
	 * The response of a terminal event.
	 * @param status {@code completed}, {@code failed} or {@code incomplete}
	 * @param output the output items
	 * @param usage the usage
	 * @param error the error of a failed response
	 * @param incompleteReason the reason of an incomplete response
	 * @param completedAt when it ended, in epoch seconds
	 */
	ObjectNode finished(String status, List<JsonNode> output, ObjectNode usage, @Nullable ObjectNode error,
			@Nullable String incompleteReason, long completedAt) {
		return build(status, output, usage, error, incompleteReason, "completed".equals(status) ? completedAt : null);
	}

	/**
	 * The usage of a response.
	 * @param input the input tokens processed
	 * @param cached the input tokens served from the cache
	 * @param output the output tokens
	 * @param reasoning the reasoning tokens among the output tokens
	 */
	static ObjectNode usage(long input, long cached, long output, long reasoning) {
		ObjectNode usage = JsonMapper.shared().createObjectNode();
		usage.put("input_tokens", input);
		ObjectNode inputDetails = usage.putObject("input_tokens_details");
		inputDetails.put("cached_tokens", cached);
		inputDetails.put("cache_write_tokens", 0);
		usage.put("output_tokens", output);
		usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
		usage.put("total_tokens", input + output);
		return usage;
	}

	private ObjectNode build(String status, List<JsonNode> output, @Nullable ObjectNode usage,
			@Nullable ObjectNode error, @Nullable String incompleteReason, @Nullable Long completedAt) {
		ObjectNode response = JsonMapper.shared().createObjectNode();
		response.put("id", this.id);
		response.put("object", "response");
		response.put("created_at", this.createdAt);
		response.put("status", status);
		response.put("background", false);
		response.put("completed_at", completedAt);
		response.set("error", error);
		if (incompleteReason != null) {
			response.putObject("incomplete_details").put("reason", incompleteReason);
		}
		else {
			response.putNull("incomplete_details");
		}
		JsonNode instructions = this.request.get("instructions");
		response.set("instructions", (instructions != null && (instructions.isString() || instructions.isArray()))
				? instructions.deepCopy() : null);
		response.set("max_output_tokens", integer("max_output_tokens"));
		response.set("max_tool_calls", integer("max_tool_calls"));
		response.put("model", string(this.request, "model", DEFAULT_MODEL));
		ArrayNode items = response.putArray("output");
		output.forEach((item) -> items.add(item.deepCopy()));
		JsonNode parallel = this.request.get("parallel_tool_calls");
		response.put("parallel_tool_calls", parallel == null || !parallel.isBoolean() || parallel.booleanValue());
		response.put("previous_response_id", string(this.request, "previous_response_id", null));
		response.put("prompt_cache_key", string(this.request, "prompt_cache_key", null));
		JsonNode reasoning = this.request.path("reasoning");
		ObjectNode reasoningOut = response.putObject("reasoning");
		reasoningOut.put("effort", string(reasoning, "effort", null));
		reasoningOut.put("summary", string(reasoning, "summary", null));
		response.put("safety_identifier", string(this.request, "safety_identifier", null));
		String tier = string(this.request, "service_tier", "default");
		response.put("service_tier", "auto".equals(tier) ? "default" : tier);
		JsonNode store = this.request.get("store");
		response.put("store", store == null || !store.isBoolean() || store.booleanValue());
		response.put("temperature", number("temperature", 1.0));
		response.set("text", text());
		JsonNode toolChoice = this.request.get("tool_choice");
		response.set("tool_choice", (toolChoice != null && (toolChoice.isString() || toolChoice.isObject()))
				? toolChoice.deepCopy() : JsonMapper.shared().getNodeFactory().stringNode("auto"));
		response.set("tools", tools());
		JsonNode topLogprobs = integer("top_logprobs");
		response.put("top_logprobs", topLogprobs.isNull() ? 0 : topLogprobs.longValue());
		response.put("top_p", number("top_p", 1.0));
		response.put("truncation", string(this.request, "truncation", "disabled"));
		response.set("usage", usage);
		response.put("user", string(this.request, "user", null));
		JsonNode metadata = this.request.get("metadata");
		response.set("metadata", (metadata != null && metadata.isObject()) ? metadata.deepCopy()
				: JsonMapper.shared().createObjectNode());
		return response;
	}

	private ObjectNode text() {
		JsonNode text = this.request.path("text");
		ObjectNode out = JsonMapper.shared().createObjectNode();
		JsonNode format = text.get("format");
		if (format != null && format.isObject()) {
			out.set("format", format.deepCopy());
		}
		else {
			out.putObject("format").put("type", "text");
		}
		out.put("verbosity", string(text, "verbosity", "medium"));
		return out;
	}

	/** The tools as sent, with the defaults the API fills in: function tools are strict. */
	private ArrayNode tools() {
		ArrayNode tools = JsonMapper.shared().createArrayNode();
		JsonNode sent = this.request.get("tools");
		if (sent == null || !sent.isArray()) {
			return tools;
		}
		for (JsonNode tool : sent) {
			if (!tool.isObject()) {
				continue;
			}
			ObjectNode copy = (ObjectNode) tool.deepCopy();
			if ("function".equals(string(copy, "type", null))) {
				if (!copy.has("description")) {
					copy.putNull("description");
				}
				if (!copy.has("strict") || copy.get("strict").isNull()) {
					copy.put("strict", true);
				}
			}
			tools.add(copy);
		}
		return tools;
	}

	private JsonNode integer(String name) {
		JsonNode value = this.request.get(name);
		return (value != null && value.isIntegralNumber()) ? value.deepCopy()
				: JsonMapper.shared().getNodeFactory().nullNode();
	}

	private double number(String name, double fallback) {
		JsonNode value = this.request.get(name);
		return (value != null && value.isNumber()) ? value.doubleValue() : fallback;
	}

	private static @Nullable String string(JsonNode node, String name, @Nullable String fallback) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.stringValue() : fallback;
	}

}
