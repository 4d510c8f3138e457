package dev.responsesws.samples.chat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs; without them the tests are skipped, except under CI where they
 * fail): opening it, sending a message and watching an answer as the page shows it.
 */
final class ChatPage implements AutoCloseable {

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

	private final WebDriver browser;

	private ChatPage(WebDriver browser) {
		this.browser = browser;
	}

	/**
	 * Start headless Chromium, or skip the test when it is not installed and CI is not set.
	 * @return the browser, with no page open yet
	 * @throws Exception if it cannot be started
	 */
	static ChatPage startBrowser() throws Exception {
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
		WebDriver browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new ChatPage(browser);
	}

	WebDriver driver() {
		return this.browser;
	}

	/**
	 * Open the page at the address, wait until it shows the conversation so far (if the address
	 * names one) and start recording the answers' texts.
	 * @param url the page's address
	 */
	void open(String url) {
		this.browser.get(url);
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until((driver) -> driver.findElement(By.id("message")).isDisplayed()
				&& "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-loaded")));
		((JavascriptExecutor) this.browser).executeScript(RECORD_ANSWERS);
	}

	void send(String message) {
		WebElement input = this.browser.findElement(By.id("message"));
		input.sendKeys(message);
		this.browser.findElement(By.id("send")).click();
	}

	/**
	 * Wait until the n-th answer is done and return every text it showed, in order, as recorded
	 * by {@link #RECORD_ANSWERS} in the page itself: polling the page from here would see only
	 * the states that happen to last longer than one WebDriver round trip.
	 * @param n the answer's number on the page, from 1
	 * @return the texts it showed, the last one its whole answer
	 */
	List<String> watchAnswer(int n) {
		new WebDriverWait(this.browser, Duration.ofSeconds(30)).until((driver) -> {
			List<WebElement> answers = driver.findElements(By.cssSelector(".assistant"));
			return answers.size() >= n && answers.get(n - 1).getAttribute("class").contains("done");
		});
		Object states = ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll('.assistant')[arguments[0]].recordedStates || [])", n - 1);
		assertThat(states).as("the texts the answer showed").isInstanceOf(List.class);
		return ((List<?>) states).stream().map(String::valueOf).toList();
	}

	/**
	 * Return the texts of the page's elements of a class, in order.
	 * @param className {@code user} or {@code assistant}
	 * @return their texts
	 */
	List<String> texts(String className) {
		return this.browser.findElements(By.cssSelector("." + className)).stream().map(WebElement::getText).toList();
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
