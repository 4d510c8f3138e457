package dev.responsesws.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the command line of the stand-alone simulator.
 */
class MockResponsesServerMainTests {

	@Test
	void withoutOptionsTheDefaultsAreDescribed() {
		MockResponsesServerMain.Options options = MockResponsesServerMain.Options.parse(new String[0]);
		assertThat(options.help).isFalse();
		assertThat(options.rejectUpgrades).isZero();
		assertThat(options.describe()).containsExactly("responder: default agent");
	}

	@Test
	void everyOptionIsParsed() {
		MockResponsesServerMain.Options options = MockResponsesServerMain.Options.parse(new String[] { "--port=0",
				"--host=127.0.0.1", "--api-key=sk-main", "--token-rate=2.5", "--prefill-per-token=20us",
				"--max-connection-age=30s", "--no-lanes", "--lenient", "--reject-upgrades=426",
				"--tool-loop=lookup:3" });
		assertThat(options.help).isFalse();
		assertThat(options.rejectUpgrades).isEqualTo(426);
		assertThat(options.describe()).containsExactly("API key: required", "token rate: 2.5 tokens/s",
				"prefill: 20us per input token", "connection age limit: 30s", "lanes: off",
				"validation: lenient", "WebSocket upgrades refused with 426", "responder: tool loop lookup:3");
	}

	@Test
	void helpIsRecognisedInBothForms() {
		assertThat(MockResponsesServerMain.Options.parse(new String[] { "--help" }).help).isTrue();
		assertThat(MockResponsesServerMain.Options.parse(new String[] { "-h" }).help).isTrue();
	}

	@Test
	void durationsTakeAUnitOrIso8601() {
		assertThat(duration("5ns")).isEqualTo(Duration.ofNanos(5));
		assertThat(duration("20us")).isEqualTo(Duration.ofNanos(20_000));
		assertThat(duration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(duration("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(duration("60m")).isEqualTo(Duration.ofMinutes(60));
		assertThat(duration("2h")).isEqualTo(Duration.ofHours(2));
		assertThat(duration("0s")).isEqualTo(Duration.ZERO);
		assertThat(duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
		assertThat(duration("pt0.5s")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void badDurationsNameTheOptionAndTheValue() {
		for (String bad : new String[] { "", "10", "ms", "1.5s", "abc", "30S", "PT", "P1X", "10 s", "s10" }) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> MockResponsesServerMain.Options.duration("prefill-per-token", bad))
				.withMessageContaining("--prefill-per-token")
				.withMessageContaining("'" + bad + "'")
				.withMessageContaining("250ms");
		}
	}

	@Test
	void badArgumentsAreRefusedWithAHelpfulMessage() {
		assertRefused("--bogus=1", "unknown option '--bogus'");
		assertRefused("bogus", "unknown argument 'bogus'");
		assertRefused("-p", "unknown argument '-p'");
		assertRefused("--port", "--port needs a value");
		assertRefused("--api-key=", "--api-key needs a value");
		assertRefused("--no-lanes=true", "--no-lanes takes no value");
		assertRefused("--lenient=yes", "--lenient takes no value");
		assertRefused("--port=abc", "--port needs an integer, got 'abc'");
		assertRefused("--port=70000", "--port=70000", "65535");
		assertRefused("--token-rate=fast", "--token-rate needs a number, got 'fast'");
		assertRefused("--token-rate=-1", "--token-rate=-1", "negative");
		assertRefused("--prefill-per-token=soon", "--prefill-per-token", "'soon'");
		assertRefused("--prefill-per-token=-5ms", "--prefill-per-token=-5ms", "negative");
		assertRefused("--max-connection-age=1d", "--max-connection-age", "'1d'");
		assertRefused("--max-connection-age=PT-1M", "--max-connection-age=PT-1M", "negative");
		assertRefused("--reject-upgrades=200", "--reject-upgrades needs a 4xx or 5xx status");
		assertRefused("--reject-upgrades=x", "--reject-upgrades needs an integer, got 'x'");
		assertRefused("--tool-loop=lookup", "--tool-loop needs NAME:CALLS");
		assertRefused("--tool-loop=:3", "--tool-loop needs NAME:CALLS");
		assertRefused("--tool-loop=lookup:many", "--tool-loop needs an integer, got 'many'");
		assertRefused("--tool-loop=lookup:-1", "--tool-loop=lookup:-1", "negative");
	}

	@Test
	void usageIsPrintedForHelpAndNoServerStarts() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		MockResponsesServer server = MockResponsesServerMain.start(new String[] { "--help" }, print(bytes));
		assertThat(server).isNull();
		assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("usage: MockResponsesServerMain")
			.contains("--tool-loop=NAME:CALLS");
	}

	@Test
	void firstPrintedLineIsTheWebSocketUrlOfARunningServer() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MockResponsesServer server = MockResponsesServerMain.start(new String[] { "--port=0" }, print(bytes))) {
			assertThat(server).isNotNull();
			List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
			assertThat(lines.get(0)).isEqualTo(server.webSocketUrl().toString());
			assertThat(lines).contains("HTTP base URL: " + server.httpBaseUrl(), "responder: default agent");
			assertThat(server.port()).isPositive().isNotEqualTo(8080);
			try (RawWebSocket socket = RawWebSocket.connect(java.net.URI.create(lines.get(0)))) {
				socket.send(Requests.user("hello"));
				assertThat(socket.untilTerminal()).last()
					.isInstanceOfSatisfying(ResponseCompletedEvent.class,
							(completed) -> assertThat(completed.response().outputText()).isEqualTo("You said: hello"));
			}
		}
	}

	@Test
	void parsedOptionsConfigureTheServer() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MockResponsesServer server = MockResponsesServerMain.start(new String[] { "--port=0", "--host=127.0.0.1",
				"--api-key=sk-main", "--token-rate=40", "--prefill-per-token=1us", "--no-lanes", "--tool-loop=step:2" },
				print(bytes))) {
			assertThat(server).isNotNull();
			assertThat(server.webSocketUrl().getHost()).isEqualTo("127.0.0.1");
			assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), null)).isEqualTo(401);
			try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl(), "sk-main")) {
				socket.send(Requests.create(Requests.userRequest("go").streamId("lane-1").build()));
				assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class,
						(error) -> assertThat(error.error().param()).isEqualTo("stream_id"));
				long sent = System.nanoTime();
				socket.send(Requests.create(Requests.userRequest("go")
					.tools(FunctionTool.of("step", "A step", "{\"type\":\"object\"}"))
					.build()));
				List<ResponseEvent> events = socket.untilTerminal();
				Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
				Response response = ((ResponseCompletedEvent) events.get(events.size() - 1)).response();
				assertThat(response.functionCalls()).singleElement().satisfies((call) -> {
					assertThat(call.name()).isEqualTo("step");
					assertThat(call.arguments()).isEqualTo("{\"step\":1}");
				});
				// 2 argument chunks at 40 tokens per second: the second is due 25 ms after the first
				assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(20));
			}
		}
	}

	@Test
	void connectionAgeAndRefusedUpgradesAreApplied() {
		try (MockResponsesServer server = MockResponsesServerMain.start(
				new String[] { "--port=0", "--max-connection-age=0s" }, print(new ByteArrayOutputStream()))) {
			assertThat(server).isNotNull();
			try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUrl())) {
				socket.send(Requests.user("hi"));
				assertThat(socket.nextEvent()).isInstanceOfSatisfying(ErrorEvent.class, (error) -> assertThat(
						error.error().code()).isEqualTo("websocket_connection_limit_reached"));
			}
		}
		try (MockResponsesServer server = MockResponsesServerMain.start(
				new String[] { "--port=0", "--reject-upgrades=426" }, print(new ByteArrayOutputStream()))) {
			assertThat(server).isNotNull();
			assertThat(RawWebSocket.rejectedStatus(server.webSocketUrl(), null)).isEqualTo(426);
			assertThat(RawHttp.postResponses(server.httpBaseUrl(), Requests.httpBody(Requests.userRequest("hi").build()),
					null)
				.status()).isEqualTo(200);
		}
	}

	private static Duration duration(String value) {
		return MockResponsesServerMain.Options.duration("max-connection-age", value);
	}

	private static void assertRefused(String argument, String... messageParts) {
		assertThatIllegalArgumentException().as(argument)
			.isThrownBy(() -> MockResponsesServerMain.Options.parse(new String[] { "--port=0", argument }))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(messageParts));
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
