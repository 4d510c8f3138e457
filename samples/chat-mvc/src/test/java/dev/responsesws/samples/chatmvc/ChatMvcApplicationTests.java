package dev.responsesws.samples.chatmvc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring MVC sample on a random port against the simulator: the JSON endpoints answer and
 * chain the conversation's turns, and the event stream carries the answer piece by piece.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockResponsesServer
class ChatMvcApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private MockResponsesServer server;

	private HttpClient http;

	@BeforeEach
	void client() {
		this.server.reset();
		this.http = HttpClient.create().baseUrl("http://127.0.0.1:" + this.port);
	}

	@Test
	void askAnswersAQuestionAsJson() {
		this.server.enqueue(OutputPlan.text("Paris"));
		JsonNode answer = post("/api/ask", "{\"text\":\"Capital of France?\"}");
		assertThat(answer.path("answer").asString()).isEqualTo("Paris");
	}

	@Test
	void conversationAnswersAsJsonAndChainsItsTurns() {
		String id = post("/api/conversations", "").path("id").asString();
		JsonNode first = post("/api/conversations/" + id + "/messages", "{\"text\":\"one\"}");
		JsonNode second = post("/api/conversations/" + id + "/messages", "{\"text\":\"two\"}");
		assertThat(first.path("text").asString()).isEqualTo("You said: one");
		assertThat(first.path("chained").asBoolean()).isFalse();
		assertThat(second.path("text").asString()).isEqualTo("You said: two");
		assertThat(second.path("chained").asBoolean()).isTrue();
		List<RecordedFrame> requests = this.server.recordedRequests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).requireRequest().previousResponseId()).isNotNull();
	}

	@Test
	void streamSendsTheAnswerPieceByPieceThenDone() {
		this.server.enqueue(OutputPlan.text("The capital of France is Paris."));
		String id = post("/api/conversations", "").path("id").asString();
		String body = this.http.headers((headers) -> headers.set(HttpHeaderNames.ACCEPT, "text/event-stream"))
			.get()
			.uri("/api/conversations/" + id + "/stream?text=Capital%20of%20France%3F")
			.responseSingle((response, content) -> {
				assertThat(response.status().code()).isEqualTo(200);
				assertThat(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/event-stream");
				return content.asString();
			})
			.block(TIMEOUT);
		List<String[]> events = parse(body);
		List<String> deltas = new ArrayList<>();
		for (String[] event : events.subList(0, events.size() - 1)) {
			assertThat(event[0]).isEqualTo("delta");
			deltas.add(JSON.readTree(event[1]).path("text").asString());
		}
		assertThat(deltas).hasSizeGreaterThan(1);
		assertThat(String.join("", deltas)).isEqualTo("The capital of France is Paris.");
		assertThat(events.get(events.size() - 1)[0]).isEqualTo("done");
	}

	@Test
	void streamReportsAFailedTurnAsAnErrorEvent() {
		this.server.enqueue(OutputPlan.error(500, "server_error", null, "The model is unavailable"));
		String id = post("/api/conversations", "").path("id").asString();
		String body = this.http.get()
			.uri("/api/conversations/" + id + "/stream?text=hello")
			.responseSingle((response, content) -> content.asString())
			.block(TIMEOUT);
		List<String[]> events = parse(body);
		assertThat(events).hasSize(1);
		assertThat(events.get(0)[0]).isEqualTo("error");
		assertThat(JSON.readTree(events.get(0)[1]).path("message").asString()).contains("The model is unavailable");
	}

	@Test
	void unknownConversationIsNotFound() {
		int status = this.http.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
			.post()
			.uri("/api/conversations/nope/messages")
			.send(ByteBufFlux.fromString(Mono.just("{\"text\":\"hi\"}")))
			.response()
			.map((response) -> response.status().code())
			.block(TIMEOUT);
		assertThat(status).isEqualTo(404);
	}

	private JsonNode post(String path, String json) {
		String body = this.http.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
			.post()
			.uri(path)
			.send(ByteBufFlux.fromString(Mono.just(json)))
			.responseSingle((response, content) -> {
				assertThat(response.status().code()).as("status of %s", path).isEqualTo(200);
				return content.asString().defaultIfEmpty("");
			})
			.block(TIMEOUT);
		return JSON.readTree(body);
	}

	/** The events of a server-sent event stream, as name and data. */
	private static List<String[]> parse(String body) {
		List<String[]> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring("event:".length()).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring("data:".length()));
				}
			}
			if (!block.isBlank()) {
				events.add(new String[] { name, data.toString() });
			}
		}
		return events;
	}

}
