package dev.responsesws.samples.chat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.spring.AutoConfigureMockResponsesServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * Records, on each answer element, every text it is given: each change of an answer is a
	 * mutation record of its own, even when the browser reports several in one callback.
	 */
	private static final String RECORD_ANSWERS = """
			new MutationObserver((records) => {
			  for (const record of records) {
			    const answer = record.target;
			    if (!(answer instanceof Element) || !answer.classList.contains('assistant')) continue;
			    const text = Array.from(record.addedNodes).map((node) => node.textContent).join('');
			    const states = answer.recordedStates || (answer.recordedStates = []);
			    if (text && states[states.length - 1] !== text) states.push(text);
			  }
			}).observe(document.getElementById('log'), { childList: true, subtree: true });
			""";

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private MockResponsesServer server;

	@BeforeAll
	static void startBrowser() throws Exception {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		Assumptions.assumeTrue(installed || "true".equals(System.getenv("CI")),
				"Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chat-browser"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
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
		browser.get("http://127.0.0.1:" + this.port + "/");
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((driver) -> driver.findElement(By.id("message")).isDisplayed());
		((JavascriptExecutor) browser).executeScript(RECORD_ANSWERS);
	}

	private static void send(String message) {
		WebElement input = browser.findElement(By.id("message"));
		input.sendKeys(message);
		browser.findElement(By.id("send")).click();
	}

	/**
	 * Wait until the n-th answer is done and return every text it showed, in order, as recorded
	 * by {@link #RECORD_ANSWERS} in the page itself: polling the page from here would see only
	 * the states that happen to last longer than one WebDriver round trip.
	 */
	private static List<String> watchAnswer(int n) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until((driver) -> {
			List<WebElement> answers = driver.findElements(By.cssSelector(".assistant"));
			return answers.size() >= n && answers.get(n - 1).getAttribute("class").contains("done");
		});
		Object states = ((JavascriptExecutor) browser).executeScript(
				"return Array.from(document.querySelectorAll('.assistant')[arguments[0]].recordedStates || [])", n - 1);
		assertThat(states).as("the texts the answer showed").isInstanceOf(List.class);
		return ((List<?>) states).stream().map(String::valueOf).toList();
	}

	private static String last(List<String> texts) {
		return texts.get(texts.size() - 1);
	}

}
