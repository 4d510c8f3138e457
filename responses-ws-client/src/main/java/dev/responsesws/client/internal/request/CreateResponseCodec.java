package dev.responsesws.client.internal.request;

import java.util.Map;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonValues;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.Tool;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes {@link CreateResponse} to the JSON of both transports and reads it back (the
 * simulator reads requests with it). Field names follow the API (snake case) whatever the
 * application's Jackson settings are. Thread-safe.
 */
public final class CreateResponseCodec {

	/** The {@code type} of the WebSocket message that creates a response. */
	public static final String RESPONSE_CREATE = "response.create";

	/**
	 * Encode a request as a WebSocket {@code response.create} message: the body fields next to
	 * {@code "type":"response.create"}, without {@code stream} (implicit in WebSocket mode) even
	 * if an extra field carries it.
	 * @param request the request
	 * @return the message text
	 */
	public String toWebSocketMessage(CreateResponse request) {
		ObjectNode message = JsonObjects.ofType(RESPONSE_CREATE);
		write(request, message);
		message.put("type", RESPONSE_CREATE);
		message.remove("stream");
		return ProtocolJson.mapper().writeValueAsString(message);
	}

	/**
	 * Encode a request as the body of a streaming {@code POST /v1/responses}
	 * ({@code "stream":true}, and no {@code type} even if an extra field carries it).
	 * @param request the request
	 * @return the body text
	 */
	public String toHttpBody(CreateResponse request) {
		ObjectNode body = toTree(request);
		body.remove("type");
		body.put("stream", true);
		return ProtocolJson.mapper().writeValueAsString(body);
	}

	/**
	 * Encode the body fields of a request, typed fields first, then the extra fields (which
	 * replace typed fields of the same name).
	 * @param request the request
	 * @return a new JSON object
	 */
	public ObjectNode toTree(CreateResponse request) {
		ObjectNode json = JsonObjects.create();
		write(request, json);
		return json;
	}

	/** Write the body fields of a request into an object, after the fields it already has. */
	private static void write(CreateResponse request, ObjectNode json) {
		putIfSet(json, "model", request.model());
		if (!request.input().isEmpty()) {
			ArrayNode input = json.putArray("input");
			request.input().forEach((item) -> input.add(item.tree()));
		}
		putIfSet(json, "instructions", request.instructions());
		if (!request.tools().isEmpty()) {
			ArrayNode tools = json.putArray("tools");
			request.tools().forEach((tool) -> tools.add(tool.tree()));
		}
		setIfSet(json, "tool_choice", request.toolChoice());
		if (request.parallelToolCalls() != null) {
			json.put("parallel_tool_calls", request.parallelToolCalls());
		}
		setIfSet(json, "reasoning", request.reasoning());
		if (!request.include().isEmpty()) {
			ArrayNode include = json.putArray("include");
			request.include().forEach(include::add);
		}
		if (request.store() != null) {
			json.put("store", request.store());
		}
		putIfSet(json, "previous_response_id", request.previousResponseId());
		setIfSet(json, "text", request.text());
		if (request.maxOutputTokens() != null) {
			json.put("max_output_tokens", request.maxOutputTokens());
		}
		if (!request.metadata().isEmpty()) {
			ObjectNode metadata = json.putObject("metadata");
			request.metadata().forEach(metadata::put);
		}
		putIfSet(json, "prompt_cache_key", request.promptCacheKey());
		putIfSet(json, "service_tier", request.serviceTier());
		putIfSet(json, "truncation", request.truncation());
		putIfSet(json, "user", request.user());
		request.extra().forEach((name, value) -> json.set(name, value.deepCopy()));
	}

	/**
	 * Read a request body. Known fields become typed fields; every other field, including
	 * {@code type} and {@code stream} when present, goes to {@link CreateResponse#extra()}. A
	 * string {@code input} becomes one user message.
	 * @param json the body text
	 * @return the request
	 * @throws ProtocolDecodingException if the text is not a JSON object or a known field has the
	 * wrong type
	 */
	public CreateResponse fromJson(String json) {
		JsonNode tree;
		try {
			tree = ProtocolJson.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed request JSON: " + ex.getOriginalMessage(), json, ex);
		}
		try {
			return fromTree(tree);
		}
		catch (ProtocolDecodingException ex) {
			throw new ProtocolDecodingException(ex.getMessage(), json, ex);
		}
	}

	/**
	 * Read a request body.
	 * @param json the body
	 * @return the request
	 * @throws ProtocolDecodingException if it is not a JSON object or a known field has the wrong
	 * type
	 * @see #fromJson(String)
	 */
	public CreateResponse fromTree(JsonNode json) {
		JsonValues.requireObject(json, "request");
		CreateResponse.Builder builder = CreateResponse.builder();
		for (Map.Entry<String, JsonNode> field : json.properties()) {
			readField(builder, json, field.getKey(), field.getValue());
		}
		return builder.build();
	}

	private static void readField(CreateResponse.Builder builder, JsonNode json, String name, JsonNode value) {
		switch (name) {
			case "model" -> builder.model(JsonValues.optionalString(json, name));
			case "input" -> readInput(builder, json, value);
			case "instructions" -> builder.instructions(JsonValues.optionalString(json, name));
			case "tools" -> builder.tools(JsonValues.optionalArray(json, name, Tool::fromTree));
			case "tool_choice" -> builder.toolChoice(value.isNull() ? null : value);
			case "parallel_tool_calls" -> builder.parallelToolCalls(JsonValues.optionalBoolean(json, name));
			case "reasoning" -> builder.reasoning(JsonValues.optionalObject(json, name));
			case "include" -> builder.include(JsonValues.optionalArray(json, name, (element) -> {
				if (!element.isString()) {
					throw JsonValues.wrongType("include[]", "a string", element);
				}
				return element.stringValue();
			}));
			case "store" -> builder.store(JsonValues.optionalBoolean(json, name));
			case "previous_response_id" -> builder.previousResponseId(JsonValues.optionalString(json, name));
			case "text" -> builder.text(JsonValues.optionalObject(json, name));
			case "max_output_tokens" -> builder.maxOutputTokens(JsonValues.optionalInt(json, name));
			case "metadata" -> JsonValues.optionalStringMap(json, name).forEach(builder::metadata);
			case "prompt_cache_key" -> builder.promptCacheKey(JsonValues.optionalString(json, name));
			case "service_tier" -> builder.serviceTier(JsonValues.optionalString(json, name));
			case "truncation" -> builder.truncation(JsonValues.optionalString(json, name));
			case "user" -> builder.user(JsonValues.optionalString(json, name));
			default -> builder.extra(name, value);
		}
	}

	private static void readInput(CreateResponse.Builder builder, JsonNode json, JsonNode value) {
		if (value.isString()) {
			builder.input(InputMessage.user(value.stringValue()));
		}
		else {
			builder.input(JsonValues.optionalArray(json, "input", InputItem::fromTree));
		}
	}

	private static void putIfSet(ObjectNode json, String name, @org.jspecify.annotations.Nullable String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static void setIfSet(ObjectNode json, String name, @org.jspecify.annotations.Nullable JsonNode value) {
		if (value != null) {
			json.set(name, value.deepCopy());
		}
	}

}
