package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureMockResponsesServer} points the application at the simulator with a
 * {@link ResponsesWsConnectionDetails} bean, which takes the place of the properties.
 */
@SpringBootTest(classes = MockResponsesServerConnectionDetailsTests.Application.class,
		properties = { "responses.ws.base-url=http://127.0.0.1:9/v1", "responses.ws.api-key=sk-wrong" })
@AutoConfigureMockResponsesServer(apiKey = "sk-details")
class MockResponsesServerConnectionDetailsTests {

	@Autowired
	private MockResponsesServer server;

	@Autowired
	private ResponsesWsConnectionDetails connectionDetails;

	@Autowired
	private ResponsesSession session;

	@Autowired
	private Environment environment;

	@Test
	void simulatorProvidesTheConnectionDetails() {
		assertThat(this.connectionDetails).isNotInstanceOf(PropertiesResponsesWsConnectionDetails.class);
		assertThat(this.connectionDetails.getBaseUrl()).isEqualTo(this.server.httpBaseUrl());
		assertThat(this.connectionDetails.getApiKey()).isEqualTo("sk-details");
		assertThat(this.environment.getProperty("responses.ws.base-url")).isEqualTo("http://127.0.0.1:9/v1");
	}

	@Test
	void turnReachesTheSimulatorWhateverThePropertiesSay() {
		StepVerifier
			.create(this.session.execute(CreateResponse.builder().model("m").input(InputMessage.user("hi")).build()))
			.assertNext((response) -> assertThat(response.outputText()).isEqualTo("You said: hi"))
			.expectComplete()
			.verify(Duration.ofSeconds(20));
		assertThat(this.server.recordedRequests()).isNotEmpty();
	}

	@SpringBootApplication
	static class Application {

	}

}
