package dev.responsesws.client.response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.responsesws.client.internal.response.ReceivedJsonSerializer;
import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A response object as carried by the lifecycle events ({@code response.created},
 * {@code response.completed}, ...). The fields the library acts on are typed; everything else is
 * in {@link #json()} and {@link #tree()}. Jackson writes a response as its JSON as received.
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
 * @param raw the response object as received, as text by {@link #json()} and as a tree by
 * {@link #tree()}
 */
@JsonSerialize(using = ReceivedJsonSerializer.class)
public record Response(String id, @Nullable String status, @Nullable String model,
		@Nullable String previousResponseId, List<OutputItem> output, Usage usage, @Nullable ResponseError error,
		@Nullable String incompleteReason, RawJson raw) {

	/**
	 * Create a response from a tree.
	 * @param id the response id
	 * @param status the status
	 * @param model the model
	 * @param previousResponseId the response it continued
	 * @param output the output items
	 * @param usage the token usage
	 * @param error the error of a failed response
	 * @param incompleteReason why an incomplete response stopped
	 * @param tree the response object
	 */
	public Response(String id, @Nullable String status, @Nullable String model, @Nullable String previousResponseId,
			List<OutputItem> output, Usage usage, @Nullable ResponseError error, @Nullable String incompleteReason,
			JsonNode tree) {
		this(id, status, model, previousResponseId, output, usage, error, incompleteReason, RawJson.of(tree));
	}

	/**
	 * Return the response object as received, as JSON text.
	 * @return the JSON object's text
	 */
	public String json() {
		return this.raw.json();
	}

	/**
	 * Return the response object as received, as a tree built the first time it is asked for.
	 * @return the JSON object; it is shared, so it should not be modified
	 */
	public JsonNode tree() {
		return this.raw.tree();
	}

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
	 * Read a response object from JSON text.
	 * @param json the object's text
	 * @return the response
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with an
	 * {@code id}, or a field the library reads has the wrong type
	 */
	public static Response fromJson(String json) {
		return ResponseReader.fromJson(json, ResponseReader::response);
	}

	/**
	 * Read a response object from a tree.
	 * @param tree the object
	 * @return the response
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object with an
	 * {@code id}, or a field the library reads has the wrong type
	 */
	public static Response fromTree(JsonNode tree) {
		return ResponseReader.fromTree(tree, ResponseReader::response);
	}

}
