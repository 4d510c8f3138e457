package dev.responsesws.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.ResponseConnection;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponsesClientEvent;
import dev.responsesws.test.MockResponsesServer;
import org.awaitility.Awaitility;

/**
 * The official client configured against the simulator the way an application configures it
 * against the API, and what its use needs: a tool, messages, and sends retried while the
 * connection says it is busy.
 */
final class OfficialClients {

	static final String MODEL = "gpt-conformance";

	static final FunctionTool WEATHER = FunctionTool.builder()
		.name("get_weather")
		.description("The current weather of a city.")
		.strict(true)
		.parameters(FunctionTool.Parameters.builder()
			.putAdditionalProperty("type", JsonValue.from("object"))
			.putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
			.putAdditionalProperty("required", JsonValue.from(List.of("city")))
			.putAdditionalProperty("additionalProperties", JsonValue.from(false))
			.build())
		.build();

	private OfficialClients() {
	}

	static OpenAIClient client(MockResponsesServer server, String apiKey) {
		return OpenAIOkHttpClient.builder()
			.baseUrl(server.httpBaseUrl().toString())
			.apiKey(apiKey)
			.maxRetries(0)
			.timeout(Duration.ofSeconds(10))
			.responseValidation(true)
			.build();
	}

	static ResponseInputItem userMessage(String text) {
		return ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
			.role(ResponseInputItem.Message.Role.USER)
			.addInputTextContent(text)
			.build());
	}

	static ResponsesClientEvent.ResponseCreate.Builder create() {
		return ResponsesClientEvent.ResponseCreate.builder().model(MODEL);
	}

	/**
	 * Send, trying again while openai-java refuses because it still holds the previous send, as
	 * an application has to.
	 */
	static void send(ResponseConnection connection, ResponsesClientEvent.ResponseCreate create) {
		ResponsesClientEvent event = ResponsesClientEvent.ofResponseCreate(create);
		Awaitility.await("openai-java takes the send")
			.atMost(Bounded.LIMIT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.ignoreException(WebSocketWriteNotAttempted.Busy.class)
			.until(() -> {
				connection.send(event);
				return true;
			});
	}

}
