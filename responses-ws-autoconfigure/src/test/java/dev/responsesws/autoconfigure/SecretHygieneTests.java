package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.autoconfigure.health.ResponsesWsHealthContributorAutoConfiguration;
import dev.responsesws.autoconfigure.health.ResponsesWsHealthIndicator;
import dev.responsesws.autoconfigure.observation.ResponsesWsMetricsAutoConfiguration;
import dev.responsesws.autoconfigure.observation.ResponsesWsObservationAutoConfiguration;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.netty.handler.logging.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.netty.transport.logging.AdvancedByteBufFormat;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails in every way it can, with DEBUG logging of the library and Reactor Netty:
 * the API key appears nowhere, not in the output, exception messages, {@code toString}, health
 * details, metric tags or transcript exports.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests {

	private static final String KEY = "sk-live-7f3a9c2e51d04b8a";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void theKeyNeverShows(CapturedOutput output) {
		Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
		Logger library = (Logger) LoggerFactory.getLogger("dev.responsesws");
		Level nettyLevel = netty.getLevel();
		Level libraryLevel = library.getLevel();
		netty.setLevel(Level.DEBUG);
		library.setLevel(Level.DEBUG);
		try {
			runFailingInEveryWay(output);
		}
		finally {
			netty.setLevel(nettyLevel);
			library.setLevel(libraryLevel);
		}
	}

	private void runFailingInEveryWay(CapturedOutput output) {
		List<String> seen = new ArrayList<>();
		try (MockResponsesServer server = MockResponsesServer.builder().apiKey(KEY).start()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ResponsesWsAutoConfiguration.class,
						ResponsesWsHealthContributorAutoConfiguration.class, ResponsesWsObservationAutoConfiguration.class,
						ResponsesWsMetricsAutoConfiguration.class))
				.withUserConfiguration(ResponsesWsAutoConfigurationTests.ObservationConfiguration.class)
				.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=" + KEY,
						"responses.ws.model=m", "responses.ws.connection.idle-timeout=300ms", "responses.ws.health.probe-ttl=1ms")
				.run((context) -> {
					ResponsesSession session = context.getBean(ResponsesSession.class);
					seen.add(session.toString());
					seen.add(context.getBean(ResponsesWsProperties.class).toString());
					Conversation conversation = context.getBean(ResponsesConversations.class).create();
					conversation.execute(InputMessage.user("hello")).block(TIMEOUT);
					seen.add(conversation.exportTranscript());
					server.enqueue(OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down"));
					server.enqueue(OutputPlan.text("a b c").disconnectAfter(2));
					server.enqueue(OutputPlan.text("late").delay(Duration.ofSeconds(2)));
					server.enqueue(OutputPlan.text("a b c").malformedFrameAfter(1));
					server.enqueue(OutputPlan.text("x").failed("server_error", "boom"));
					for (int i = 0; i < 5; i++) {
						seen.add(failure(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("t")).build())));
					}
					server.apiKey("sk-other");
					server.disconnectAll();
					seen.add(failure(session.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("t")).build())));
					Health health = context.getBean(ResponsesWsHealthIndicator.class).health().block(TIMEOUT);
					seen.add(String.valueOf(health));
					seen.add(session.snapshot().toString());
					for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
						seen.add(meter.getId().toString());
					}
				});
		}
		assertThat(seen).isNotEmpty().allSatisfy((text) -> assertThat(text).doesNotContain(KEY));
		assertThat(output.getAll()).contains("DEBUG reactor.netty").doesNotContain(KEY).doesNotContain(KEY.substring(3));
	}

	@ParameterizedTest
	@EnumSource(AdvancedByteBufFormat.class)
	void wireLoggingMasksTheKey(AdvancedByteBufFormat format, CapturedOutput output) {
		Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
		Level nettyLevel = netty.getLevel();
		netty.setLevel(Level.DEBUG);
		try (MockResponsesServer server = MockResponsesServer.builder().apiKey(KEY).start()) {
			for (String transport : new String[] { "websocket", "http" }) {
				new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResponsesWsAutoConfiguration.class))
					.withBean(ResponsesHttpClientCustomizer.class,
							() -> (client) -> client.wiretap("reactor.netty.http.client.HttpClient", LogLevel.DEBUG, format))
					.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl(), "responses.ws.api-key=" + KEY,
							"responses.ws.transport=" + transport)
					.run((context) -> assertThat(context.getBean(ResponsesSession.class)
						.execute(CreateResponse.builder().model("test-model").input(InputMessage.user("hello")).build())
						.block(TIMEOUT)
						.outputText()).isEqualTo("You said: hello"));
			}
		}
		finally {
			netty.setLevel(nettyLevel);
		}
		String all = output.getAll();
		assertThat(all).contains("WRITE").doesNotContain(KEY).doesNotContain(KEY.substring(3));
		if (format != AdvancedByteBufFormat.SIMPLE) {
			assertThat(all).as("the masked header in the dump").contains("******");
		}
		assertThat(all).as("the key's bytes in a hex dump").doesNotContain("37 66 33 61 39 63 32 65");
	}

	private static String failure(Mono<?> turn) {
		try {
			turn.block(TIMEOUT);
			return "no failure";
		}
		catch (RuntimeException ex) {
			StringBuilder all = new StringBuilder();
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				all.append(cause).append('\n');
			}
			return all.toString();
		}
	}

}
