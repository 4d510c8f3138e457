package dev.responsesws.conformance;

import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.ResponseConnection;
import com.openai.core.http.ResponseWebSocketException;
import com.openai.core.http.WebSocketHandshakeException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponsesServerEvent;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.responsesws.conformance.OfficialClients.create;
import static dev.responsesws.conformance.OfficialClients.send;
import static dev.responsesws.conformance.OfficialClients.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * openai-java's WebSocket mode ({@code client.responses().connect()}) runs against the
 * simulator as it runs against the API, with response validation on and every event it
 * receives validated once more.
 */
@ExtendWith(MockResponsesServerExtension.class)
class OfficialWebSocketClientTests {

	private static final String KEY = "sk-conformance";

	MockResponsesServer server;

	private OpenAIClient client;

	@BeforeEach
	void client() {
		this.server.apiKey(KEY);
		this.client = OfficialClients.client(this.server, KEY);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aTextTurnStreamsTypedValidEvents() throws Exception {
		this.server.enqueue(OutputPlan.text("Hello from the simulator."));
		try (ResponseConnection connection = this.client.responses().connect()) {
			send(connection, create().input("Hello").build());
			List<ResponsesServerEvent> events = untilTerminal(connection);
			StringBuilder text = new StringBuilder();
			events.stream()
				.filter(ResponsesServerEvent::isResponseOutputTextDelta)
				.forEach((event) -> text.append(event.asResponseOutputTextDelta().delta()));
			assertThat(text).hasToString("Hello from the simulator.");
			assertThat(events.get(0).isResponseCreated()).isTrue();
			Response response = events.get(events.size() - 1).asResponseCompleted().response();
			assertThat(response.status()).hasValueSatisfying((status) -> assertThat(status).hasToString("completed"));
			assertThat(response.output()).singleElement()
				.satisfies((item) -> assertThat(item.asMessage().content().get(0).asOutputText().text())
					.isEqualTo("Hello from the simulator."));
		}
	}

	@Test
	void aChainedTurnEndsInTheFinalResponseAndHitsTheConnectionsCache() throws Exception {
		this.server.enqueue(OutputPlan.text("First.")).enqueue(OutputPlan.text("Second."));
		try (ResponseConnection connection = this.client.responses().connect()) {
			send(connection, create().store(false).inputOfResponse(List.of(userMessage("One"))).build());
			Response first = Bounded.call(connection::finalResponse);
			send(connection, create().store(false)
				.previousResponseId(first.id())
				.inputOfResponse(List.of(userMessage("Two")))
				.build());
			Response second = Bounded.call(connection::finalResponse);
			second.validate();
			assertThat(second.previousResponseId()).contains(first.id());
			assertThat(second._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
			assertThat(second.usage().orElseThrow().inputTokensDetails().cachedTokens()).isPositive();
			assertThat(second.output().get(0).asMessage().content().get(0).asOutputText().text())
				.isEqualTo("Second.");
		}
	}

	@Test
	void aWarmUpPreparesAChainWithoutOutput() throws Exception {
		this.server.enqueue(OutputPlan.text("Ready."));
		try (ResponseConnection connection = this.client.responses().connect()) {
			send(connection, create().instructions("Answer briefly.")
				.addTool(OfficialClients.WEATHER)
				.store(false)
				.generate(false)
				.inputOfResponse(List.of())
				.build());
			Response warmup = Bounded.call(connection::finalResponse);
			assertThat(warmup.output()).isEmpty();
			assertThat(warmup.usage().orElseThrow().outputTokens()).isZero();
			assertThat(warmup.tools()).singleElement()
				.satisfies((tool) -> assertThat(tool.asFunction().strict()).contains(true));
			send(connection, create().instructions("Answer briefly.")
				.addTool(OfficialClients.WEATHER)
				.store(false)
				.previousResponseId(warmup.id())
				.inputOfResponse(List.of(userMessage("Hi")))
				.build());
			Response answer = Bounded.call(connection::finalResponse);
			assertThat(answer.previousResponseId()).contains(warmup.id());
			assertThat(answer.output()).isNotEmpty();
		}
		assertThat(this.server.recordedRequests().get(0).tree().path("generate").asBoolean(true)).isFalse();
	}

	@Test
	void aFunctionRoundTrip() throws Exception {
		this.server.enqueue(OutputPlan.functionCall("get_weather", "{\"city\":\"Paris\"}"))
			.enqueue(OutputPlan.text("It is sunny in Paris."));
		try (ResponseConnection connection = this.client.responses().connect()) {
			send(connection, create().addTool(OfficialClients.WEATHER)
				.inputOfResponse(List.of(userMessage("Weather in Paris?")))
				.build());
			Response call = Bounded.call(connection::finalResponse);
			ResponseOutputItem item = call.output().get(0);
			ResponseFunctionToolCall functionCall = item.asFunctionCall();
			assertThat(functionCall.name()).isEqualTo("get_weather");
			assertThat(functionCall.arguments()).isEqualTo("{\"city\":\"Paris\"}");
			assertThat(call.parallelToolCalls()).isTrue();
			assertThat(call.toolChoice().isOptions()).isTrue();
			send(connection, create().addTool(OfficialClients.WEATHER)
				.previousResponseId(call.id())
				.inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
					.builder()
					.callId(functionCall.callId())
					.output("{\"sky\":\"sunny\"}")
					.build())))
				.build());
			Response answer = Bounded.call(connection::finalResponse);
			assertThat(answer.output().get(0).asMessage().content().get(0).asOutputText().text())
				.isEqualTo("It is sunny in Paris.");
		}
		RecordedFrame output = this.server.recordedRequests().get(1);
		assertThat(output.tree().path("input").get(0).path("type").asString()).isEqualTo("function_call_output");
	}

	@Test
	void aChainStoredOnlyInAClosedConnectionIsNotFoundOnANewOne() throws Exception {
		String id;
		try (ResponseConnection first = this.client.responses().connect()) {
			send(first, create().store(false).inputOfResponse(List.of(userMessage("One"))).build());
			id = Bounded.call(first::finalResponse).id();
		}
		try (ResponseConnection second = this.client.responses().connect()) {
			send(second, create().store(false)
				.previousResponseId(id)
				.inputOfResponse(List.of(userMessage("Two")))
				.build());
			ResponsesServerEvent event = receiveOrError(second);
			event.validate();
			assertThat(event.isError()).isTrue();
			assertThat(event.asError().status()).contains(400L);
			assertThat(event.asError().error().code()).contains("previous_response_not_found");
			assertThat(event.asError().error().param()).contains("previous_response_id");
		}
	}

	@Test
	void aWrongKeyIsRefusedAtTheHandshakeWith401() {
		OpenAIClient wrong = OfficialClients.client(this.server, "sk-wrong");
		try {
			assertThatExceptionOfType(WebSocketHandshakeException.class).isThrownBy(() -> Bounded.call(() -> {
				try (ResponseConnection connection = wrong.responses().connect()) {
					send(connection, create().input("Hello").build());
					return connection.receive();
				}
			})).satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
		}
		finally {
			wrong.close();
		}
	}

	private static List<ResponsesServerEvent> untilTerminal(ResponseConnection connection) throws Exception {
		List<ResponsesServerEvent> events = new ArrayList<>();
		while (true) {
			ResponsesServerEvent event = Bounded.call(connection::receive);
			event.validate();
			events.add(event);
			if (event.isResponseCompleted() || event.isResponseFailed() || event.isResponseIncomplete()
					|| event.isError()) {
				return events;
			}
		}
	}

	/** The next event, or the error event {@code receive()} raised. */
	private static ResponsesServerEvent receiveOrError(ResponseConnection connection) throws Exception {
		try {
			return Bounded.call(connection::receive);
		}
		catch (ResponseWebSocketException ex) {
			return ex.event();
		}
	}

}
