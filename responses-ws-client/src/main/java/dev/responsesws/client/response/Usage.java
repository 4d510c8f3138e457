package dev.responsesws.client.response;

import dev.responsesws.client.internal.json.TokenValues;
import dev.responsesws.client.internal.response.ResponseReader;
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
	 * Read a {@code usage} object.
	 * @param json the object
	 * @return the usage
	 * @throws dev.responsesws.client.error.ProtocolDecodingException if a field has the wrong type
	 */
	public static Usage fromJson(JsonNode json) {
		return ResponseReader.fromTree(json, (parser, slices) -> {
			TokenValues.requireObject(parser, "usage");
			return ResponseReader.usage(parser);
		});
	}

}
