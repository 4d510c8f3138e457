package dev.responsesws.client.response;

import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.TokenValues;
import dev.responsesws.client.internal.response.ResponseReader;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * Token usage of one response, as reported by the server in the final response object.
 *
 * @param inputTokens tokens of input the server processed for this response
 * @param cachedInputTokens of those, tokens served from the prompt cache
 * @param outputTokens tokens generated
 * @param reasoningTokens of those, tokens spent on reasoning
 * @param totalTokens input plus output tokens
 */
public record Usage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens,
		long totalTokens) {

	/** Usage of nothing, for example of a response that carried no {@code usage} object. */
	public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

	/**
	 * Return the sum of this usage and another, for totals over several turns.
	 * @param other the other usage
	 * @return the sum
	 */
	public Usage plus(Usage other) {
		return new Usage(this.inputTokens + other.inputTokens, this.cachedInputTokens + other.cachedInputTokens,
				this.outputTokens + other.outputTokens, this.reasoningTokens + other.reasoningTokens,
				this.totalTokens + other.totalTokens);
	}

	/**
	 * Read a {@code usage} object from JSON text.
	 * @param json the object's text
	 * @return the usage
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object or a
	 * field has the wrong type
	 */
	public static Usage fromJson(String json) {
		return ResponseReader.fromJson(json, Usage::read);
	}

	/**
	 * Read a {@code usage} object from a tree.
	 * @param tree the object
	 * @return the usage
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if it is not an object or a
	 * field has the wrong type
	 */
	public static Usage fromTree(JsonNode tree) {
		return ResponseReader.fromTree(tree, Usage::read);
	}

	private static Usage read(JsonParser parser, JsonSlices slices) {
		TokenValues.requireObject(parser, "usage");
		return ResponseReader.usage(parser);
	}

}
