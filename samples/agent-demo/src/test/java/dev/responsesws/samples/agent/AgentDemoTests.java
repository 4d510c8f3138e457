package dev.responsesws.samples.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's agent against the simulator: both tools run, their results reach the answer, and
 * the summary is printed.
 */
@SpringBootTest(properties = "spring.main.web-application-type=none", args = "--skip")
@AutoConfigureMockResponsesServer
class AgentDemoTests {

	@Autowired
	private ResponsesConversations conversations;

	@Autowired
	private ResponsesSession session;

	@Autowired
	private TrafficCounter traffic;

	@Autowired
	private MockResponsesServer server;

	@Test
	void agentCallsBothToolsAndAnswersWithTheirResults() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		AgentResult result = new AgentRunner(this.conversations, this.session, this.traffic,
				new PrintStream(printed, true, StandardCharsets.UTF_8))
			.run(AgentRunner.DEFAULT_QUESTION);
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(result.toolCalls()).isEqualTo(2);
		assertThat(result.answer()).contains("calculate returned 84").contains("\"country\":\"France\"");
		assertThat(output).contains("calling calculate({\"expression\":\"12 * (3 + 4)\"})")
			.contains("calling lookup_city({\"city\":\"Paris\"})")
			.contains("--- summary")
			.contains("transport: websocket");
		assertThat(this.traffic.sent()).isPositive();
		assertThat(this.server.recordedRequests().get(1).requireRequest().previousResponseId()).isNotNull();
	}

}
