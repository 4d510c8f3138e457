package dev.responsesws.samples.chat;

import java.util.List;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the chat page in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): the answer must appear token by
 * token, tool calls must show, and the conversation must carry on across messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockResponsesServer
class ChatPageBrowserTests {

	private static ChatPage page;

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private MockResponsesServer server;

	@BeforeAll
	static void startBrowser() throws Exception {
		page = ChatPage.startBrowser();
		browser = page.driver();
	}

	@AfterAll
	static void stopBrowser() {
		if (page != null) {
			page.close();
		}
	}

	@BeforeEach
	void resetSimulator() {
		this.server.reset();
	}

	@Test
	void answerArrivesTokenByTokenAndTheConversationCarriesOn() {
		this.server.tokenRate(20);
		String expected = "Streaming arrives in the page one word at a time";
		this.server.enqueue(OutputPlan.text(expected));
		this.server.enqueue(OutputPlan.text("And the conversation carries on"));
		open();
		send("hello from a real browser");
		List<String> seen = watchAnswer(1);
		assertThat(seen.get(seen.size() - 1)).isEqualTo(expected);
		assertThat(seen.subList(0, seen.size() - 1)).as("partial answers seen before the end")
			.hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((partial) -> assertThat(expected).startsWith(partial));
		send("and a second message");
		assertThat(last(watchAnswer(2))).isEqualTo("And the conversation carries on");
		List<RecordedFrame> requests = this.server.recordedRequests();
		assertThat(requests.get(requests.size() - 1).requireRequest().previousResponseId())
			.as("the second message continues the conversation")
			.isNotNull();
		List<WebElement> stats = browser.findElements(By.cssSelector(".stats"));
		assertThat(stats).hasSize(2);
		assertThat(stats.get(0).getText()).startsWith("sent in full").contains("first token");
		assertThat(stats.get(1).getText()).startsWith("chained").contains("first token");
		for (int i = 0; i < 2; i++) {
			assertThat(Long.parseLong(stats.get(i).getAttribute("data-bytes-sent")))
				.as("the bytes the page shows for answer " + (i + 1) + " are those the simulator received")
				.isEqualTo(requests.get(i).sizeInBytes());
		}
		assertThat(browser.findElement(By.id("health")).getAttribute("href")).endsWith("/actuator/health");
		page.open(browser.getCurrentUrl());
		assertThat(page.texts("user")).as("a reload shows the conversation its address names")
			.containsExactly("hello from a real browser", "and a second message");
		assertThat(page.texts("assistant")).containsExactly(expected, "And the conversation carries on");
	}

	@Test
	void toolCallsShowAsTheyHappen() {
		this.server.enqueue(OutputPlan.functionCall("current_time", "{\"zone\":\"Europe/Paris\"}"));
		open();
		send("what time is it in Paris?");
		String answer = last(watchAnswer(1));
		WebElement tool = browser.findElement(By.cssSelector(".tool"));
		assertThat(tool.getText()).contains("current_time").contains("Europe/Paris").contains("+01:00");
		assertThat(answer).startsWith("Here is what I found: current_time returned");
		long sent = this.server.recordedRequests().stream().mapToLong(RecordedFrame::sizeInBytes).sum();
		assertThat(this.server.recordedRequests()).as("the call, then its output").hasSize(2);
		WebElement stats = browser.findElement(By.cssSelector(".stats"));
		assertThat(Long.parseLong(stats.getAttribute("data-bytes-sent"))).as("the bytes of both model turns")
			.isEqualTo(sent);
	}

	private void open() {
		page.open("http://127.0.0.1:" + this.port + "/");
	}

	private static void send(String message) {
		page.send(message);
	}

	private static List<String> watchAnswer(int n) {
		return page.watchAnswer(n);
	}

	private static String last(List<String> texts) {
		return texts.get(texts.size() - 1);
	}

}
