package dev.responsesws.conformance;

import java.util.List;

import com.openai.core.JsonValue;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponsesServerEvent;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every lifecycle event carries the response object with the request's settings echoed, read
 * through openai-java's models, and the API's defaults where the request has none.
 */
@ExtendWith(MockResponsesServerExtension.class)
class ResponseObjectEchoTests {

	MockResponsesServer server;

	@Test
	void theResponseEchoesTheSettingsOfTheRequest() throws Exception {
		this.server.enqueue(OutputPlan.text("Echo."));
		for (Response response : lifecycle(Requests.RICH)) {
			assertThat(response.model().asString()).isEqualTo("gpt-conformance");
			assertThat(response.instructions().orElseThrow().asString()).isEqualTo("Answer briefly.");
			assertThat(response.tools()).singleElement().satisfies((tool) -> {
				assertThat(tool.asFunction().name()).isEqualTo("get_weather");
				assertThat(tool.asFunction().strict()).contains(true);
				assertThat(tool.asFunction().description()).contains("The weather of a city");
			});
			assertThat(response.toolChoice().asOptions()).hasToString("auto");
			assertThat(response.parallelToolCalls()).isTrue();
			assertThat(response.reasoning().orElseThrow().effort()).hasValueSatisfying(
					(effort) -> assertThat(effort).hasToString("low"));
			assertThat(response.text().orElseThrow().verbosity()).hasValueSatisfying(
					(verbosity) -> assertThat(verbosity).hasToString("low"));
			assertThat(response.maxOutputTokens()).contains(800L);
			assertThat(response.maxToolCalls()).contains(4L);
			assertThat(response.metadata().orElseThrow()._additionalProperties()).containsEntry("suite",
					JsonValue.from("conformance"));
			assertThat(response.promptCacheKey()).contains("conformance-key");
			assertThat(response.temperature()).contains(0.5);
			assertThat(response.topP()).contains(0.9);
			assertThat(response.user()).contains("user-1");
			assertThat(response.safetyIdentifier()).contains("safety-1");
			assertThat(response.serviceTier()).hasValueSatisfying((tier) -> assertThat(tier).hasToString("default"));
			assertThat(response.truncation()).hasValueSatisfying((mode) -> assertThat(mode).hasToString("auto"));
			assertThat(response.background()).contains(false);
		}
	}

	@Test
	void aMinimalRequestGetsTheApisDefaults() throws Exception {
		this.server.enqueue(OutputPlan.text("Defaults."));
		List<Response> responses = lifecycle(Requests.MINIMAL);
		for (Response response : responses) {
			assertThat(response.instructions()).isEmpty();
			assertThat(response.tools()).isEmpty();
			assertThat(response.toolChoice().asOptions()).hasToString("auto");
			assertThat(response.parallelToolCalls()).isTrue();
			assertThat(response.metadata().orElseThrow()._additionalProperties()).isEmpty();
			assertThat(response.text().orElseThrow().format().orElseThrow().isText()).isTrue();
			assertThat(response.temperature()).contains(1.0);
			assertThat(response.topP()).contains(1.0);
			assertThat(response.topLogprobs()).contains(0L);
			assertThat(response.truncation()).hasValueSatisfying((mode) -> assertThat(mode).hasToString("disabled"));
			assertThat(response.reasoning().orElseThrow().effort()).isEmpty();
			assertThat(response.previousResponseId()).isEmpty();
		}
		Response created = responses.get(0);
		Response completed = responses.get(responses.size() - 1);
		assertThat(created.usage()).isEmpty();
		assertThat(created.completedAt()).isEmpty();
		assertThat(completed.id()).isEqualTo(created.id());
		assertThat(completed.createdAt()).isEqualTo(created.createdAt());
		assertThat(completed.completedAt()).hasValueSatisfying((at) -> assertThat(at).isGreaterThanOrEqualTo(
				created.createdAt()));
		assertThat(completed.usage().orElseThrow().inputTokensDetails().cacheWriteTokens()).isZero();
	}

	/** The responses of the lifecycle events of one turn, in order. */
	private List<Response> lifecycle(String body) throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.server.webSocketUrl())) {
			socket.send(Requests.webSocket(body, ""));
			return socket.untilTerminal(1)
				.stream()
				.map(OfficialEvents::checkWebSocketFrame)
				.filter((event) -> event.isResponseCreated() || event.isResponseInProgress()
						|| event.isResponseCompleted())
				.map(ResponseObjectEchoTests::response)
				.toList();
		}
	}

	private static Response response(ResponsesServerEvent event) {
		if (event.isResponseCreated()) {
			return event.asResponseCreated().response();
		}
		if (event.isResponseInProgress()) {
			return event.asResponseInProgress().response();
		}
		return event.asResponseCompleted().response();
	}

}
