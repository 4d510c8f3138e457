package dev.responsesws.samples.chat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.conversation.StoredConversation;
import dev.responsesws.redis.RedisConversationStore;
import dev.responsesws.redis.RedisServerExtension;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the chat application with the {@code redis} profile, on two random ports,
 * keep their conversations in one real Redis and talk to one simulator: the page alternates
 * between them from message to message of one conversation, as behind a load balancer, and
 * each answer continues the whole conversation.
 */
class TwoInstancesBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	private static ChatPage page;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startBrowser() throws Exception {
		page = ChatPage.startBrowser();
	}

	@AfterAll
	static void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		if (page != null) {
			page.close();
		}
	}

	@Test
	void messagesOfOneConversationAlternateBetweenTwoInstances() {
		ConfigurableApplicationContext one = startInstance("one");
		ConfigurableApplicationContext two = startInstance("two");
		page.open(address(one, ""));
		page.send("first message, to instance one");
		assertThat(last(page.watchAnswer(1))).isEqualTo("You said: first message, to instance one");
		String id = conversationIdInAddress();

		page.open(address(two, "?conversation=" + id));
		assertThat(page.texts("user")).as("instance two shows the conversation so far, read from Redis")
			.containsExactly("first message, to instance one");
		assertThat(page.texts("assistant")).containsExactly("You said: first message, to instance one");
		page.send("second message, to instance two");
		assertThat(last(page.watchAnswer(2))).isEqualTo("You said: second message, to instance two");
		SimulatedRequest second = lastRequest();
		assertThat(second.previousResponseId()).as("store:false: the chain is held by instance one's connection")
			.isNull();
		assertThat(texts(second)).as("instance two sent the whole conversation, read from Redis")
			.containsExactly("first message, to instance one", "You said: first message, to instance one",
					"second message, to instance two");
		assertThat(statsShown().get(0)).startsWith("sent in full");

		page.open(address(one, "?conversation=" + id));
		assertThat(page.texts("assistant")).containsExactly("You said: first message, to instance one",
				"You said: second message, to instance two");
		page.send("third message, to instance one");
		assertThat(last(page.watchAnswer(3))).isEqualTo("You said: third message, to instance one");
		assertThat(texts(lastRequest())).as("instance one's answer includes instance two's turn")
			.containsExactly("first message, to instance one", "You said: first message, to instance one",
					"second message, to instance two", "You said: second message, to instance two",
					"third message, to instance one");

		page.open(address(two, "?conversation=" + id));
		assertThat(page.texts("user")).as("the transcript is intact, in order, on either instance")
			.containsExactly("first message, to instance one", "second message, to instance two",
					"third message, to instance one");
		assertThat(page.texts("assistant")).containsExactly("You said: first message, to instance one",
				"You said: second message, to instance two", "You said: third message, to instance one");
		StoredConversation stored = one.getBean(RedisConversationStore.class).load(id).block(TIMEOUT);
		assertThat(stored).isNotNull();
		assertThat(stored.state().version()).as("one stored turn per message").isEqualTo(3);
		assertThat(two.getBean(ResponsesConversations.class).store()).isInstanceOf(RedisConversationStore.class);
	}

	private static ConfigurableApplicationContext startInstance(String name) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.application.name", "chat-" + name);
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", redis.port());
		properties.put("responses.ws.base-url", server.httpBaseUrl().toString());
		properties.put("responses.ws.api-key", "sk-test");
		properties.put("responses.ws.shutdown.grace", "1s");
		// as command-line arguments, which come before the application's own files
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(ChatApplication.class).profiles("redis")
			.logStartupInfo(false)
			.run(arguments);
		instances.add(instance);
		return instance;
	}

	private static String address(ConfigurableApplicationContext instance, String query) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return "http://127.0.0.1:" + port + "/" + query;
	}

	private static String conversationIdInAddress() {
		String query = URI.create(page.driver().getCurrentUrl()).getQuery();
		assertThat(query).as("the page keeps the conversation's id in its address").startsWith("conversation=");
		return query.substring("conversation=".length());
	}

	private static SimulatedRequest lastRequest() {
		List<RecordedFrame> requests = server.recordedRequests();
		return requests.get(requests.size() - 1).requireRequest();
	}

	/** The texts of a request's input messages, in order. */
	private static List<String> texts(SimulatedRequest request) {
		List<String> texts = new ArrayList<>();
		request.input().forEach((item) -> {
			if (item.path("content").isString()) {
				texts.add(item.path("content").asString());
			}
			else {
				StringBuilder text = new StringBuilder();
				item.path("content").forEach((part) -> text.append(part.path("text").asString("")));
				texts.add(text.toString());
			}
		});
		return texts;
	}

	private static List<String> statsShown() {
		return page.driver().findElements(By.cssSelector(".stats")).stream().map(WebElement::getText).toList();
	}

	private static String last(List<String> texts) {
		return texts.get(texts.size() - 1);
	}

}
