package dev.responsesws.conformance;

/**
 * Request bodies as a user of the official clients sends them: every common setting of
 * {@code POST /v1/responses}, so that the simulator has something to echo.
 */
final class Requests {

	/** A request that sets most of what the response object echoes. */
	static final String RICH = """
			{"model":"gpt-conformance","instructions":"Answer briefly.",\
			"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello, who are you?"}]}],\
			"tools":[{"type":"function","name":"get_weather","description":"The weather of a city",\
			"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],\
			"additionalProperties":false}}],\
			"tool_choice":"auto","parallel_tool_calls":true,"reasoning":{"effort":"low","summary":"auto"},\
			"text":{"verbosity":"low"},"max_output_tokens":800,"max_tool_calls":4,"metadata":{"suite":"conformance"},\
			"prompt_cache_key":"conformance-key","temperature":0.5,"top_p":0.9,"top_logprobs":0,"store":true,\
			"user":"user-1","safety_identifier":"safety-1","service_tier":"auto","truncation":"auto"}""";

	/** The smallest valid request. */
	static final String MINIMAL = """
			{"model":"gpt-conformance","input":[{"type":"message","role":"user","content":"Hi"}]}""";

	private Requests() {
	}

	/** The body as a WebSocket {@code response.create} message, with extra fields. */
	static String webSocket(String body, String extra) {
		return "{\"type\":\"response.create\"," + (extra.isEmpty() ? "" : extra + ",") + body.substring(1);
	}

	/** The body as a streaming HTTP request. */
	static String streaming(String body) {
		return "{\"stream\":true," + body.substring(1);
	}

	/** The body with more fields. */
	static String with(String body, String extra) {
		return "{" + extra + "," + body.substring(1);
	}

}
