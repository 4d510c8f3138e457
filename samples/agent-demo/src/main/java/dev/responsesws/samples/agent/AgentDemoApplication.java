package dev.responsesws.samples.agent;

import java.util.HashMap;
import java.util.Map;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The agent demo: asks a question that needs a calculator and a city lookup and prints the agent
 * at work. With {@code OPENAI_API_KEY} set it talks to the OpenAI API (model from
 * {@code DEMO_MODEL}, default {@code gpt-5.1}); without it, it starts the embedded simulator and
 * says so. Command-line arguments, if any, are the question ({@code --skip} starts the application
 * without asking anything, for tests).
 */
@SpringBootApplication
public class AgentDemoApplication {

	/**
	 * Run the demo.
	 * @param args the question, or nothing for the default one
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
		else {
			System.out.println("Using the OpenAI API with model " + System.getenv().getOrDefault("DEMO_MODEL", "gpt-5.1"));
		}
		SpringApplication application = new SpringApplication(AgentDemoApplication.class);
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
	TrafficCounter trafficCounter() {
		return new TrafficCounter();
	}

	@Bean
	CommandLineRunner agentRunner(ResponsesConversations conversations, ResponsesSession session,
			TrafficCounter trafficCounter) {
		return (args) -> {
			if (args.length == 1 && args[0].equals("--skip")) {
				return;
			}
			new AgentRunner(conversations, session, trafficCounter, System.out)
				.run((args.length > 0) ? String.join(" ", args) : AgentRunner.DEFAULT_QUESTION);
		};
	}

}
