package dev.responsesws.springai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.responsesws.client.session.ResponsesSession;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of the README's Spring AI section, kept here so that the build compiles
 * them, and the checks that the README shows them as they are here and that its property table
 * matches the generated configuration metadata.
 */
class ReadmeSnippetsTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String MARKER = "<!-- snippet-of: responses-ws-spring-ai/src/test/java/dev/responsesws/springai/ReadmeSnippetsTests.java -->";

	@Test
	void everyMarkedSnippetIsCompiledHere() throws IOException {
		List<String> source = normalize(Files.readString(
				Path.of("src", "test", "java", "dev", "responsesws", "springai", "ReadmeSnippetsTests.java")));
		Matcher block = Pattern.compile("(?ms)^" + Pattern.quote(MARKER) + "\\n+```java\\n(.*?)^```")
			.matcher(Files.readString(README));
		int blocks = 0;
		while (block.find()) {
			blocks++;
			List<String> lines = normalize(block.group(1));
			assertThat(java.util.Collections.indexOfSubList(source, lines)).as("README snippet:%n%s", block.group(1))
				.isNotNegative();
		}
		assertThat(blocks).isEqualTo(3);
	}

	@Test
	void propertyTableMatchesTheGeneratedMetadata() throws IOException {
		String readme = Files.readString(README);
		String section = readme.substring(readme.indexOf("## Spring AI"), readme.indexOf("## Performance"));
		Map<String, String> table = new LinkedHashMap<>();
		Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|([^|]*)\\|").matcher(section);
		while (row.find()) {
			table.put("responses.ws.spring-ai." + row.group(1), row.group(2).replace("`", "").trim());
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
				JsonNode value = property.get("defaultValue");
				metadata.put(property.path("name").asString(), (value != null) ? value.asString() : "");
			}
		}
		assertThat(table).isEqualTo(metadata);
	}

	private static List<String> normalize(String code) {
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

	@Bean
	ChatClient chatClient(@Qualifier("responsesWsChatModel") ChatModel chatModel, ChatMemory chatMemory) {
	    return ChatClient.builder(chatModel)
	        .defaultSystem("You are a travel assistant. Be brief.")
	        .defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build())
	        .build();
	}

	String ask(ChatClient chatClient, String conversationId) {
		String answer = chatClient.prompt()
		    .user("What is the weather in Paris?")
		    .tools(new WeatherTools())                                          // @Tool methods
		    .advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversationId))
		    .call()
		    .content();
		return answer;
	}

	ResponsesWsChatModel withoutBoot(ResponsesSession session, ObservationRegistry observationRegistry) {
		ResponsesWsChatModel model = ResponsesWsChatModel.builder(session)
		    .defaultOptions(ResponsesWsChatOptions.builder()
		        .model("gpt-5.1")
		        .store(false)
		        .reasoningEffort("low")
		        .extra("prompt_cache_key", "travel-assistant")
		        .build())
		    .chainCapacity(1024)                                                // responses remembered for chaining
		    .observationRegistry(observationRegistry)
		    .build();
		return model;
	}

	static class WeatherTools {

		@Tool(description = "Current weather of a city")
		String weather(String city) {
			return "sunny";
		}

	}

}
