package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.ResponseConnection;
import com.openai.core.http.StreamResponse;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponsesClientEvent;
import org.jspecify.annotations.Nullable;

/**
 * The same agent loop as {@link AgentLoopComparison}'s, driven by the official openai-java
 * client: over its {@link ResponseConnection} (WebSocket mode, only new items per turn with
 * {@code previous_response_id}) or over HTTP streaming (the whole context every turn,
 * {@code store:false}). The tool does the same work as ours: it parses the arguments and
 * answers with a small JSON object.
 */
final class OfficialClientLoop implements AutoCloseable {

	private static final Duration BUSY_RETRY_LIMIT = Duration.ofSeconds(1);

	private final OpenAIClient client;

	private final String instructions;

	private final FunctionTool tool;

	private @Nullable ResponseConnection connection;

	private long busyRetries;

	/**
	 * Create a client for the simulator.
	 * @param baseUrl the base URL, for example {@code https://127.0.0.1:8443/v1}
	 * @param tls the TLS context and trust manager, or {@code null} for plain text
	 * @param instructions the instructions sent with every turn
	 */
	OfficialClientLoop(String baseUrl, @Nullable Tls tls, String instructions) {
		OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
			.baseUrl(baseUrl)
			.apiKey("sk-benchmark")
			.maxRetries(0)
			.timeout(Duration.ofMinutes(2));
		if (tls != null) {
			builder.sslSocketFactory(tls.context().getSocketFactory()).trustManager(tls.trustManager());
		}
		this.client = builder.build();
		this.instructions = instructions;
		this.tool = FunctionTool.builder()
			.name("step")
			.description("Runs one step of the task and returns its result.")
			.strict(false)
			.parameters(FunctionTool.Parameters.builder()
				.putAdditionalProperty("type", JsonValue.from("object"))
				.putAdditionalProperty("properties", JsonValue.from(Map.of("step", Map.of("type", "integer"))))
				.putAdditionalProperty("required", JsonValue.from(List.of("step")))
				.build())
			.build();
	}

	/**
	 * Open the WebSocket connection.
	 */
	void openWebSocket() {
		this.connection = this.client.responses().connect();
	}

	/**
	 * Close the WebSocket connection, if one is open; the client stays usable.
	 */
	void closeWebSocket() {
		ResponseConnection opened = this.connection;
		if (opened != null) {
			opened.close();
			this.connection = null;
		}
	}

	/**
	 * Warm the connection up for a new loop with {@code generate:false}, carrying the
	 * instructions and tools, the equivalent of our {@code Conversation.warmup()}.
	 * @return the id of the warm-up response, to chain the loop's first turn from
	 */
	String warmup() {
		ResponseConnection opened = open();
		send(opened, ResponsesClientEvent.ofResponseCreate(ResponsesClientEvent.ResponseCreate.builder()
			.model("simulated")
			.instructions(this.instructions)
			.addTool(this.tool)
			.store(false)
			.generate(false)
			.inputOfResponse(List.of())
			.build()));
		return opened.finalResponse().id();
	}

	/**
	 * Run one loop over the open WebSocket connection, sending only new items per turn.
	 * @param prompt the user's message
	 * @param warmupId the id {@link #warmup()} returned
	 * @return the loop's outcome
	 */
	Outcome runOverWebSocket(String prompt, String warmupId) {
		ResponseConnection opened = open();
		List<ResponseInputItem> input = List.of(userMessage(prompt));
		String previous = warmupId;
		int toolCalls = 0;
		long inputTokens = 0;
		while (true) {
			send(opened, ResponsesClientEvent.ofResponseCreate(ResponsesClientEvent.ResponseCreate.builder()
				.model("simulated")
				.instructions(this.instructions)
				.addTool(this.tool)
				.store(false)
				.previousResponseId(previous)
				.inputOfResponse(input)
				.build()));
			Response response = opened.finalResponse();
			inputTokens += inputTokens(response);
			List<ResponseInputItem> outputs = toolOutputs(response.output(), null);
			if (outputs.isEmpty()) {
				return new Outcome(toolCalls, inputTokens);
			}
			toolCalls += outputs.size();
			previous = response.id();
			input = outputs;
		}
	}

	/**
	 * Run one loop over HTTP streaming, sending the whole context on every turn.
	 * @param prompt the user's message
	 * @return the loop's outcome
	 */
	Outcome runOverHttp(String prompt) {
		List<ResponseInputItem> context = new ArrayList<>();
		context.add(userMessage(prompt));
		int toolCalls = 0;
		long inputTokens = 0;
		while (true) {
			ResponseCreateParams params = ResponseCreateParams.builder()
				.model("simulated")
				.instructions(this.instructions)
				.addTool(this.tool)
				.store(false)
				.inputOfResponse(List.copyOf(context))
				.build();
			Response response = null;
			try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params)) {
				for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
					if (event.isCompleted()) {
						response = event.asCompleted().response();
					}
				}
			}
			if (response == null) {
				throw new IllegalStateException("The stream ended without response.completed");
			}
			inputTokens += inputTokens(response);
			List<ResponseInputItem> outputs = toolOutputs(response.output(), context);
			if (outputs.isEmpty()) {
				return new Outcome(toolCalls, inputTokens);
			}
			toolCalls += outputs.size();
			context.addAll(outputs);
		}
	}

	/**
	 * Run one turn over the open WebSocket connection and wait for its final response.
	 * @param message the user's message
	 * @return the response id
	 */
	String turn(String message) {
		ResponseConnection opened = open();
		send(opened, ResponsesClientEvent.ofResponseCreate(ResponsesClientEvent.ResponseCreate.builder()
			.model("simulated")
			.store(false)
			.inputOfResponse(List.of(userMessage(message)))
			.build()));
		return opened.finalResponse().id();
	}

	/**
	 * Return how many sends the connection refused as busy ({@code WebSocket send buffer is full})
	 * and were tried again.
	 * @return the count
	 */
	long busyRetries() {
		return this.busyRetries;
	}

	/**
	 * Send, trying again for up to a second while openai-java refuses because its send buffer is
	 * still full from the previous turn, as an application would have to.
	 */
	private void send(ResponseConnection opened, ResponsesClientEvent event) {
		long deadline = System.nanoTime() + BUSY_RETRY_LIMIT.toNanos();
		while (true) {
			try {
				opened.send(event);
				return;
			}
			catch (WebSocketWriteNotAttempted.Busy ex) {
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
				this.busyRetries++;
				LockSupport.parkNanos(20_000);
			}
		}
	}

	private ResponseConnection open() {
		ResponseConnection opened = this.connection;
		if (opened == null) {
			throw new IllegalStateException("openWebSocket() first");
		}
		return opened;
	}

	/**
	 * Answer the function calls in this output; when {@code context} is given, the output items
	 * are appended to it first, as a client re-sending the whole context must.
	 */
	private static List<ResponseInputItem> toolOutputs(List<ResponseOutputItem> output,
			@Nullable List<ResponseInputItem> context) {
		List<ResponseInputItem> outputs = new ArrayList<>();
		for (ResponseOutputItem item : output) {
			if (item.isFunctionCall()) {
				ResponseFunctionToolCall call = item.asFunctionCall();
				if (context != null) {
					context.add(ResponseInputItem.ofFunctionCall(call));
				}
				outputs.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
					.callId(call.callId())
					.output(runTool(call.arguments()))
					.build()));
			}
			else if (context != null && item.isMessage()) {
				context.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
			}
		}
		return outputs;
	}

	private static String runTool(String arguments) {
		try {
			JsonNode parsed = ObjectMappers.jsonMapper().readTree(arguments);
			return "{\"step\":" + parsed.path("step").asInt() + ",\"status\":\"done\"}";
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("Bad tool arguments: " + arguments, ex);
		}
	}

	private static long inputTokens(Response response) {
		return response.usage().map((usage) -> usage.inputTokens()).orElse(0L);
	}

	private static ResponseInputItem userMessage(String text) {
		return ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
			.role(ResponseInputItem.Message.Role.USER)
			.addInputTextContent(text)
			.build());
	}

	@Override
	public void close() {
		closeWebSocket();
		this.client.close();
	}

	/**
	 * What a loop did.
	 * @param toolCalls the number of tool calls answered
	 * @param inputTokens the input tokens the server reported
	 */
	record Outcome(int toolCalls, long inputTokens) {
	}

	/**
	 * A JDK TLS context with the trust manager OkHttp needs next to it.
	 * @param context the context
	 * @param trustManager its trust manager
	 */
	record Tls(SSLContext context, X509TrustManager trustManager) {
	}

}
