package dev.responsesws.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Representative server frames: a text delta, a function-call arguments delta and a large
 * {@code response.completed} (about 200 KB of output text), shaped as the API sends them.
 */
final class Frames {

	static final String TEXT_DELTA = "{\"type\":\"response.output_text.delta\",\"sequence_number\":42,"
			+ "\"item_id\":\"msg_0123456789abcdef\",\"output_index\":0,\"content_index\":0,\"delta\":\" world\","
			+ "\"logprobs\":[],\"obfuscation\":\"x1Yz\"}";

	static final String FUNCTION_DELTA = "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":7,"
			+ "\"item_id\":\"fc_0123456789abcdef\",\"output_index\":1,\"delta\":\"{\\\"city\\\":\\\"Par\","
			+ "\"obfuscation\":\"ab\"}";

	static final String COMPLETED = completed();

	private Frames() {
	}

	static byte[] utf8(String frame) {
		return frame.getBytes(StandardCharsets.UTF_8);
	}

	private static String completed() {
		StringBuilder text = new StringBuilder();
		while (text.length() < 200_000) {
			text.append("The quick brown fox jumps over the lazy dog. ");
		}
		return "{\"type\":\"response.completed\",\"sequence_number\":4096,\"response\":{\"id\":\"resp_0123456789\","
				+ "\"object\":\"response\",\"created_at\":1764000000,\"status\":\"completed\",\"model\":\"gpt-5.1\","
				+ "\"output\":[{\"id\":\"rs_1\",\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\","
				+ "\"text\":\"Thinking about foxes.\"}]},{\"id\":\"fc_1\",\"type\":\"function_call\",\"status\":\"completed\","
				+ "\"call_id\":\"call_1\",\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"fox\\\"}\"},"
				+ "{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":"
				+ "[{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]}],"
				+ "\"usage\":{\"input_tokens\":1200,\"input_tokens_details\":{\"cached_tokens\":1024},"
				+ "\"output_tokens\":50000,\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":51200},"
				+ "\"tools\":[],\"store\":false,\"metadata\":{}}}";
	}

}
