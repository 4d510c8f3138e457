package dev.responsesws.client.response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.responsesws.client.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A response object as carried by the lifecycle events ({@code response.created},
 * {@code response.completed}, ...). The fields the library acts on are typed; everything else is
 * in {@link #json()}.
 *
 * @param id the response id, used as {@code previous_response_id} by the next turn
 * @param status the status: {@code queued}, {@code in_progress}, {@code completed},
 * {@code failed}, {@code incomplete} or {@code cancelled}
 * @param model the model that produced it
 * @param previousResponseId the response it continued, if any
 * @param output the output items
 * @param usage the token usage, {@link Usage#ZERO} when the server reported none
 * @param error the error of a failed response
 * @param incompleteReason why an incomplete response stopped, for example
 * {@code max_output_tokens}
 * @param json the response object as received
 */
public record Response(String id, @Nullable String status, @Nullable String model,
		@Nullable String previousResponseId, List<OutputItem> output, Usage usage, @Nullable ResponseError error,
		@Nullable String incompleteReason, JsonNode json) {

	/**
	 * Return the concatenated text of all output messages.
	 * @return the text, empty when the response has none
	 */
	public String outputText() {
		StringBuilder text = new StringBuilder();
		for (OutputItem item : this.output) {
			if (item instanceof OutputMessage message) {
				text.append(message.text());
			}
		}
		return text.toString();
	}

	/**
	 * Return the function calls the model requested, in output order.
	 * @return the calls, empty when there are none
	 */
	public List<FunctionCall> functionCalls() {
		List<FunctionCall> calls = new ArrayList<>();
		for (OutputItem item : this.output) {
			if (item instanceof FunctionCall call) {
				calls.add(call);
			}
		}
		return Collections.unmodifiableList(calls);
	}

	/**
	 * Read a response object.
	 * @param json the object
	 * @return the response
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with an
	 * {@code id}, or a field the library reads has the wrong type
	 */
	public static Response fromJson(JsonNode json) {
		JsonValues.requireObject(json, "response");
		JsonNode usage = JsonValues.optionalObject(json, "usage");
		JsonNode error = JsonValues.optionalObject(json, "error");
		JsonNode incomplete = JsonValues.optionalObject(json, "incomplete_details");
		return new Response(JsonValues.string(json, "id"), JsonValues.optionalString(json, "status"),
				JsonValues.optionalString(json, "model"), JsonValues.optionalString(json, "previous_response_id"),
				JsonValues.optionalArray(json, "output", OutputItem::fromJson),
				(usage != null) ? Usage.fromJson(usage) : Usage.ZERO,
				(error != null) ? ResponseError.fromJson(error) : null,
				(incomplete != null) ? JsonValues.optionalString(incomplete, "reason") : null, json);
	}

}
