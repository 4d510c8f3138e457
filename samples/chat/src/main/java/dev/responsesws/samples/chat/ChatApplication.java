package dev.responsesws.samples.chat;

import java.util.HashMap;
import java.util.Map;

import dev.responsesws.test.MockResponsesServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The chat page application. With {@code OPENAI_API_KEY} set it talks to the OpenAI API (model
 * from {@code CHAT_MODEL}); without it, it starts the embedded simulator, streaming at a
 * readable pace, and says so. Open {@code http://localhost:8080}. With the {@code redis} profile
 * ({@code SPRING_PROFILES_ACTIVE=redis}) conversations live in Redis, so that several instances,
 * each on its own {@code PORT}, serve one conversation.
 */
@SpringBootApplication
public class ChatApplication {

	/**
	 * Start the application.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		Map<String, Object> defaults = new HashMap<>();
		if (isBlank(System.getenv("OPENAI_API_KEY")) && isBlank(System.getProperty("responses.ws.api-key"))) {
			MockResponsesServer simulator = MockResponsesServer.builder().tokenRate(25).start();
			Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
			defaults.put("responses.ws.base-url", simulator.httpBaseUrl().toString());
			defaults.put("responses.ws.api-key", "sk-simulated");
			System.out.println("No OPENAI_API_KEY is set: using the embedded simulator at " + simulator.webSocketUrl());
		}
		SpringApplication application = new SpringApplication(ChatApplication.class);
		application.setDefaultProperties(defaults);
		application.run(args);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
