package dev.responsesws.conformance;

import java.util.ArrayList;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.responsesws.conformance.OfficialClients.userMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * openai-java's HTTP streaming ({@code client.responses().createStreaming}) runs against the
 * simulator, with response validation on and every event validated once more.
 */
@ExtendWith(MockResponsesServerExtension.class)
class OfficialHttpClientTests {

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
		this.server.enqueue(OutputPlan.reasoning("Greet back.").thenText("Hello over HTTP."));
		List<ResponseStreamEvent> events = stream(ResponseCreateParams.builder()
			.model(OfficialClients.MODEL)
			.input("Hello")
			.build());
		StringBuilder text = new StringBuilder();
		events.stream()
			.filter(ResponseStreamEvent::isOutputTextDelta)
			.forEach((event) -> text.append(event.asOutputTextDelta().delta()));
		assertThat(text).hasToString("Hello over HTTP.");
		assertThat(events).anySatisfy((event) -> assertThat(event.isReasoningSummaryPartAdded()).isTrue());
		assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
	}

	@Test
	void aFunctionRoundTripChainedThroughTheStore() throws Exception {
		this.server.enqueue(OutputPlan.functionCall("get_weather", "{\"city\":\"Oslo\"}"))
			.enqueue(OutputPlan.text("It snows in Oslo."));
		List<ResponseStreamEvent> first = stream(ResponseCreateParams.builder()
			.model(OfficialClients.MODEL)
			.addTool(OfficialClients.WEATHER)
			.inputOfResponse(List.of(userMessage("Weather in Oslo?")))
			.build());
		Response call = first.get(first.size() - 1).asCompleted().response();
		ResponseFunctionToolCall functionCall = call.output().get(0).asFunctionCall();
		List<ResponseStreamEvent> second = stream(ResponseCreateParams.builder()
			.model(OfficialClients.MODEL)
			.addTool(OfficialClients.WEATHER)
			.previousResponseId(call.id())
			.inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(
					ResponseInputItem.FunctionCallOutput.builder()
						.callId(functionCall.callId())
						.output("{\"sky\":\"snow\"}")
						.build())))
			.build());
		Response answer = second.get(second.size() - 1).asCompleted().response();
		assertThat(answer.previousResponseId()).contains(call.id());
		assertThat(answer.output().get(0).asMessage().content().get(0).asOutputText().text())
			.isEqualTo("It snows in Oslo.");
	}

	@Test
	void anUnknownPreviousResponseIsA400() {
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> stream(ResponseCreateParams.builder()
			.model(OfficialClients.MODEL)
			.previousResponseId("resp_unknown")
			.input("Hello")
			.build())).satisfies((ex) -> assertThat(ex.code()).contains("previous_response_not_found"));
	}

	@Test
	void aWrongKeyIsA401() {
		OpenAIClient wrong = OfficialClients.client(this.server, "sk-wrong");
		try {
			assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> Bounded.call(() -> {
				try (StreamResponse<ResponseStreamEvent> stream = wrong.responses()
					.createStreaming(ResponseCreateParams.builder().model(OfficialClients.MODEL).input("Hi").build())) {
					return stream.stream().count();
				}
			})).satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(401));
		}
		finally {
			wrong.close();
		}
	}

	private List<ResponseStreamEvent> stream(ResponseCreateParams params) throws Exception {
		return Bounded.call(() -> {
			List<ResponseStreamEvent> events = new ArrayList<>();
			try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params)) {
				stream.stream().forEach((event) -> events.add(event.validate()));
			}
			return events;
		});
	}

}
