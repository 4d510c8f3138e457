package dev.responsesws.samples.springai;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.responsesws.client.session.ChainCounts;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring AI sample: a travel assistant asked three questions in one conversation. With
 * {@code OPENAI_API_KEY} set it talks to the OpenAI API (model from {@code DEMO_MODEL}, default
 * {@code gpt-5.1}); without it, it starts the embedded simulator and says so. {@code --skip}
 * starts the application without asking anything, for tests.
 */
@SpringBootApplication
public class SpringAiSampleApplication {

	/** The questions the sample asks. */
	static final List<String> QUESTIONS = List.of("What is the weather in Paris?",
			"And the time zone of Paris, for my call?", "Thanks! Summarize both in one sentence.");

	/**
	 * Run the sample.
	 * @param args nothing, or {@code --skip}
	 */
	public static void main(String[] args) {
		MockResponsesServer simulator = null;
		Map<String, Object> defaults = new HashMap<>();
		if (isBlank(System.getenv("OPENAI_API_KEY")) && isBlank(System.getProperty("responses.ws.api-key"))) {
			simulator = MockResponsesServer.start();
			defaults.put("responses.ws.base-url", simulator.httpBaseUrl().toString());
			defaults.put("responses.ws.api-key", "sk-simulated");
			System.out.println("No OPENAI_API_KEY is set: using the embedded simulator at " + simulator.webSocketUrl());
		}
		SpringApplication application = new SpringApplication(SpringAiSampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(defaults);
		try {
			application.run(args).close();
		}
		finally {
			if (simulator != null) {
				simulator.close();
			}
		}
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	@Bean
	ChatMemory chatMemory() {
		return MessageWindowChatMemory.builder().maxMessages(50).build();
	}

	@Bean
	ChatClient chatClient(@Qualifier("responsesWsChatModel") ChatModel chatModel, ChatMemory chatMemory) {
		return ChatClient.builder(chatModel)
			.defaultSystem("You are a concise travel assistant. Use the tools for weather and time zones.")
			.defaultTools(new TravelTools())
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(chatMemory).build())
			.build();
	}

	@Bean
	TravelAssistant travelAssistant(ChatClient chatClient) {
		return new TravelAssistant(chatClient);
	}

	@Bean
	CommandLineRunner sampleRunner(TravelAssistant assistant, ResponsesSession session) {
		return (args) -> {
			if (args.length == 1 && args[0].equals("--skip")) {
				return;
			}
			converse(assistant, session, System.out);
		};
	}

	/**
	 * Ask the sample's questions and print the answers and how many turns were chained.
	 * @param assistant the assistant
	 * @param session the session, for its chain counts
	 * @param out where to print
	 */
	static void converse(TravelAssistant assistant, ResponsesSession session, PrintStream out) {
		for (String question : QUESTIONS) {
			out.println("> " + question);
			out.println(assistant.ask("trip", question));
		}
		ChainCounts chains = session.snapshot().chains();
		out.println("--- turns chained: " + chains.hits() + ", sent in full after a loss: " + chains.missed());
	}

}
