package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.responsesws.autoconfigure.observation.DefaultResponsesTurnObservationConvention;
import dev.responsesws.autoconfigure.observation.ResponsesTurnObservationContext;
import dev.responsesws.autoconfigure.observation.ResponsesTurnObservationConvention;
import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentOptions;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.conversation.AgentTool;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import dev.responsesws.client.error.ConversationConflictException;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.proxy.NetworkProxy;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of the README, kept here so that the build compiles them, and the checks
 * that the README shows them as they are here and that its configuration table matches the
 * generated metadata. The snippets that are files of the README's application are that
 * application, {@code samples/readme}, and are checked there.
 */
class ReadmeSnippetsTests {

	private static final Path README = Path.of("..", "README.md");

	@Test
	void everyJavaSnippetOfTheReadmeIsCompiledHere() throws IOException {
		List<String> source = normalize(Files.readString(Path.of("src", "test", "java", "dev", "responsesws",
				"autoconfigure", "ReadmeSnippetsTests.java")));
		List<String> blocks = codeBlocks(withoutSampleFiles(Files.readString(README)), "java");
		assertThat(blocks).hasSizeGreaterThanOrEqualTo(9);
		for (String block : blocks) {
			List<String> lines = normalize(block);
			assertThat(java.util.Collections.indexOfSubList(source, lines)).as("README snippet:%n%s", block)
				.isNotNegative();
		}
	}

	@Test
	void configurationTableMatchesTheGeneratedMetadata() throws IOException {
		Map<String, String> table = new LinkedHashMap<>();
		Matcher row = Pattern.compile("(?m)^\\| `((?:responses\\.ws|management\\.health)[^`]*)` \\|\\s*([^|]*?)\\s*\\|")
			.matcher(Files.readString(README));
		while (row.find()) {
			table.put(row.group(1).replace(".*", ""), row.group(2).trim().replace("`", ""));
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		List<JsonNode> properties = new ArrayList<>(ConfigurationMetadataTests.read("META-INF/spring-configuration-metadata.json"));
		properties.addAll(ConfigurationMetadataTests.read("META-INF/additional-spring-configuration-metadata.json"));
		for (JsonNode property : properties) {
			JsonNode value = property.get("defaultValue");
			metadata.put(property.path("name").asString(), (value != null) ? value.asString() : "");
		}
		assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(metadata.keySet());
		metadata.forEach((key, value) -> {
			if (!key.equals("responses.ws.api-key")) {
				assertThat(table.get(key)).as("default of %s", key).isEqualToIgnoringCase(value);
			}
		});
		assertThat(table.get("responses.ws.api-key")).isEqualTo("OPENAI_API_KEY");
	}

	/**
	 * Leave out the blocks that are files of {@code samples/readme}, which that module compiles
	 * and checks.
	 */
	static String withoutSampleFiles(String markdown) {
		return markdown.replaceAll("(?ms)^<!-- (file|in|snippet-of): \\S+ -->\\n+```[a-z]*\\n.*?^```", "");
	}

	static List<String> codeBlocks(String markdown, String language) {
		List<String> blocks = new ArrayList<>();
		Matcher block = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```").matcher(markdown);
		while (block.find()) {
			blocks.add(block.group(1));
		}
		return blocks;
	}

	static List<String> normalize(String code) {
		List<String> lines = new ArrayList<>();
		for (String line : code.split("\\R")) {
			String trimmed = line.strip().replaceAll("\\s+", " ");
			if (!trimmed.isEmpty()) {
				lines.add(trimmed);
			}
		}
		return lines;
	}

	// --- the snippets ---

	void session() {
		ResponsesSession session = ResponsesSession.builder()
		    .apiKey(System.getenv("OPENAI_API_KEY"))
		    .connections(0, 4)
		    .build();

		CreateResponse first = CreateResponse.builder()
		    .model("gpt-5.1")
		    .instructions("Answer briefly.")
		    .input(InputMessage.user("What is the capital of France?"))
		    .store(false)
		    .build();

		session.create(first)
		    .ofType(OutputTextDeltaEvent.class)
		    .doOnNext((delta) -> System.out.print(delta.delta()))
		    .blockLast(Duration.ofMinutes(2));

		Response answer = session.execute(first).block(Duration.ofMinutes(2));            // just the final response
		Response next = session.execute(CreateResponse.builder()
		    .model("gpt-5.1")
		    .instructions("Answer briefly.")
		    .previousResponseId(answer.id())                          // runs on the connection that holds it
		    .input(InputMessage.user("And of Italy?"))
		    .store(false)
		    .build()).block(Duration.ofMinutes(2));
		String prepared = session.warmup(first).block(Duration.ofMinutes(2));              // generate:false, returns the id to chain from
		session.blocking().execute(first);                            // for code without Reactor
		session.close(Duration.ofSeconds(30)).block(Duration.ofSeconds(45));                // drain running turns, then close with 1000
	}

	void conversation(ResponsesSession session, ResponsesSession otherSession, String longDocument,
			CreateResponse settings) {
		Conversation conversation = Conversation.builder(session)
		    .settings(CreateResponse.builder().model("gpt-5.1").instructions("Be brief.").store(false).build())
		    .transcriptLimit(10_000, 32 * 1024 * 1024)
		    .build();
		conversation.warmup(InputMessage.developer(longDocument)).block(Duration.ofMinutes(2));   // generate:false, chained from
		Response answer = conversation.execute(InputMessage.user("Summarize it")).block(Duration.ofMinutes(2));

		String saved = conversation.exportTranscript();                       // JSON, no credentials
		Conversation later = Conversation.builder(otherSession).settings(settings).restore(saved).build();
	}

	void storedConversation(ResponsesConversations conversations, ResponsesSession session, CreateResponse settings,
			String chatId, String text) {
		Mono<String> answer = conversations.open(chatId)              // any instance: the turn reads the stored conversation first
		    .execute(InputMessage.user(text))                         // then runs, then appends its items with the version it read
		    .map(Response::outputText)
		    .onErrorResume(ConversationConflictException.class,      // another instance's turn of this chat completed first
		        (conflict) -> Mono.just("Another answer came first; please reload the chat."));

		ConversationStore store = new InMemoryConversationStore();   // or a RedisConversationStore, without Spring Boot
		Conversation conversation = Conversation.builder(session).settings(settings).store(store, chatId).build();
	}

	void agent(Conversation conversation) {
		AgentTool calculator = AgentTool.of("calculate", "Evaluates an arithmetic expression",
		    "{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\"}},\"required\":[\"expression\"]}",
		    (arguments) -> String.valueOf(evaluate(arguments.path("expression").asString())));

		conversation.run("What is 12 * (3 + 4)?", List.of(calculator), AgentOptions.DEFAULTS)
		    .doOnNext((event) -> {
		        if (event instanceof AgentEvent.Model model && model.event() instanceof OutputTextDeltaEvent delta) {
		            System.out.print(delta.delta());
		        }
		        else if (event instanceof AgentEvent.ToolCallFinished call) {
		            System.out.println(call.call().name() + " -> " + call.output());
		        }
		    })
		    .blockLast(Duration.ofMinutes(2));

		AgentResult result = conversation.runForResult("And times 2?", List.of(calculator), AgentOptions.DEFAULTS)
		    .block(Duration.ofMinutes(5));
		// result.answer(), result.steps(), result.toolCalls(), result.usage() (summed), result.stopReason()
	}

	static double evaluate(String expression) {
		return expression.length();
	}

	void decoding(String frameText) {
		EventDecoder decoder = new EventDecoder();
		ResponseEvent event = decoder.decode(frameText);
		if (event instanceof OutputTextDeltaEvent delta) {
		    System.out.print(delta.delta());
		}
		else if (event instanceof ResponseCompletedEvent completed) {
		    Response response = completed.response();   // output items, usage, id for the next turn
		}
	}

	void forwarding(ResponsesSession session, CreateResponse request, ResponseEvent event, JsonMapper jsonMapper) {
		Flux<String> forBrowser = session.create(request).map(ResponseEvent::json);   // forward an event as JSON
		String same = jsonMapper.writeValueAsString(event);   // an application's mapper writes the same JSON
	}

	void request(String lastResponseId) {
		CreateResponse request = CreateResponse.builder()
		    .model("gpt-5.1")
		    .instructions("Answer briefly.")
		    .tools(FunctionTool.of("get_weather", "Weather of a city",
		            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
		    .input(InputMessage.user("Weather in Paris?"))
		    .previousResponseId(lastResponseId)
		    .store(false)
		    .extra("context_management", Map.of("type", "auto"))
		    .build();
		String json = request.json();   // {"model":"gpt-5.1",...}: the fields both transports send
	}

	static
	@ExtendWith(MockResponsesServerExtension.class)
	class MyAgentTests {

	    @Test
	    void recoversFromADroppedConnection(MockResponsesServer server, URI webSocketUrl) throws Exception {
	        server.enqueue(OutputPlan.text("Hello there").disconnectAfter(3));
	        server.enqueue(OutputPlan.functionCall("get_weather", "{\"city\":\"Paris\"}")
	                .thenFunctionCall("get_time", "{\"zone\":\"CET\"}"));
	        server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
	                Map.of("retry-after-ms", "250")));
	        // ... drive your client against webSocketUrl ...
	        RecordedFrame first = server.takeFrame(Duration.ofSeconds(5));
	        assertThat(first.requireRequest().previousResponseId()).isNull();
	    }

	}

	void proxy(MockResponsesServer server) {
		try (NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port())
		        .roundTripTime(Duration.ofMillis(20))
		        .start()) {
		    // connect to ws://127.0.0.1:{proxy.port()}/v1/responses
		    proxy.stall();        // stop forwarding (TCP flow control pushes back)
		    proxy.resume();
		    proxy.cutAfter(1000); // reset the next server-to-client stream after 1,000 more bytes
		    proxy.resetAll();     // reset every connection now
		}
	}

	static class TurnConventionConfiguration {

		@Bean
		ResponsesTurnObservationConvention turnConvention() {
			return new DefaultResponsesTurnObservationConvention("acme.model.calls") {

				@Override
				public KeyValues getLowCardinalityKeyValues(ResponsesTurnObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
				}

			};
		}

	}

}
