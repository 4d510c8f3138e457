package dev.responsesws.samples.springai;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's conversation against the simulator: the tools run, their results reach the
 * answers, and every call after the first sends only its new messages.
 */
@SpringBootTest(properties = "spring.main.web-application-type=none", args = "--skip")
@AutoConfigureMockResponsesServer
class SpringAiSampleTests {

	@Autowired
	private TravelAssistant assistant;

	@Autowired
	private ResponsesSession session;

	@Autowired
	private MockResponsesServer server;

	@Test
	void conversationRunsTheToolsAndChainsEveryTurnAfterTheFirst() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		SpringAiSampleApplication.converse(this.assistant, this.session,
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("weather returned 18 °C and sunny")
			.contains("time_zone returned \"Europe/Paris\"")
			.contains("You said: Thanks! Summarize both in one sentence.")
			.contains("--- turns chained: 4, sent in full after a loss: 0");
		List<SimulatedRequest> requests = this.server.recordedRequests()
			.stream()
			.map(RecordedFrame::requireRequest)
			.toList();
		assertThat(requests).hasSize(5);
		assertThat(requests.get(0).previousResponseId()).isNull();
		assertThat(requests.subList(1, 5)).allSatisfy((request) -> {
			assertThat(request.previousResponseId()).isNotNull();
			assertThat(request.input()).hasSize(1);
		});
		assertThat(requests.get(1).input().get(0).path("type").asString()).isEqualTo("function_call_output");
	}

}
