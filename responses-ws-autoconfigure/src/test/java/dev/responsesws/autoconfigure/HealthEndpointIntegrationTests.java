package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application on a random port with the simulator: the health endpoint shows the
 * component UP, DOWN once the simulator refuses the key, and UP again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.show-details=always", "responses.ws.health.probe-ttl=50ms",
				"management.endpoints.web.exposure.include=health" })
@AutoConfigureMockResponsesServer(apiKey = "sk-health")
class HealthEndpointIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private MockResponsesServer server;

	@Test
	void componentIsUpThenDownWhenTheKeyIsRefusedThenUpAgain() {
		JsonNode up = health();
		assertThat(up.path("status").asString()).isEqualTo("UP");
		assertThat(up.path("details").path("transport").asString()).isEqualTo("websocket");
		assertThat(up.path("details").has("connectionsOpen")).isTrue();
		JsonNode chains = up.path("details").path("chains");
		assertThat(chains.path("hits").asLong(-1)).isZero();
		assertThat(chains.path("storedHits").asLong(-1)).isZero();
		assertThat(chains.path("misses").asLong(-1)).isZero();
		assertThat(chains.path("missesByReason").propertyNames()).containsExactly("evicted", "connection_lost",
				"rotated", "not_found", "settings_changed", "other_instance");
		assertThat(up.toString()).doesNotContain("sk-health");
		this.server.apiKey("sk-rotated");
		JsonNode down = awaitStatus("DOWN");
		assertThat(down.path("details").path("status").asInt()).isEqualTo(401);
		assertThat(down.path("details").path("reason").asString()).contains("401");
		assertThat(down.toString()).doesNotContain("sk-health");
		this.server.apiKey("sk-health");
		assertThat(awaitStatus("UP").path("status").asString()).isEqualTo("UP");
	}

	private JsonNode awaitStatus(String status) {
		return Awaitility.await()
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(60))
			.until(this::health, (health) -> status.equals(health.path("status").asString()));
	}

	private JsonNode health() {
		String body = HttpClient.create()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/actuator/health/responsesWs")
			.responseSingle((response, content) -> content.asString())
			.block(TIMEOUT);
		return JsonMapper.shared().readTree(body);
	}

	@SpringBootApplication
	static class TestApplication {

	}

}
