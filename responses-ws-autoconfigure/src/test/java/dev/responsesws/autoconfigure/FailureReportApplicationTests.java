package dev.responsesws.autoconfigure;

import dev.responsesws.test.MockResponsesServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * A real application start, through {@link SpringApplication} and the failure analyzers it loads
 * from {@code spring.factories}: what a developer sees is the report, not a stack trace. Boot's
 * logging system is left out so that the logging of the other tests in this JVM stays as it is.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureReportApplicationTests {

	@Test
	void refusedKeyAtStartupIsReportedWithoutAStackTrace(CapturedOutput output) {
		try (MockResponsesServer server = MockResponsesServer.builder().apiKey("sk-right").start()) {
			failToStart("--responses.ws.base-url=" + server.httpBaseUrl(), "--responses.ws.api-key=sk-wrong",
					"--responses.ws.startup.connect=true");
			String report = report(output);
			assertThat(report).contains("The start-up connect (responses.ws.startup.connect) failed: The WebSocket upgrade to "
						+ server.webSocketUrl() + " was refused with HTTP status 401")
				.contains("Action:")
				.contains("Check responses.ws.api-key")
				.doesNotContain("sk-wrong")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void unresolvedKeyPlaceholderIsReportedWithoutAStackTrace(CapturedOutput output) {
		failToStart("--responses.ws.api-key=${RESPONSES_WS_TEST_UNSET_KEY}");
		assertThat(report(output)).contains("responses.ws.api-key is '${RESPONSES_WS_TEST_UNSET_KEY}'")
			.contains("'${RESPONSES_WS_TEST_UNSET_KEY:}'")
			.doesNotContain("\tat ");
	}

	private static void failToStart(String... args) {
		SpringApplication application = new SpringApplication(ReportedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			assertThatRuntimeException().isThrownBy(() -> application.run(args));
		}
		finally {
			if (loggingSystem != null) {
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
			}
			else {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
			}
		}
	}

	private static String report(CapturedOutput output) {
		String all = output.getAll();
		int start = all.indexOf("APPLICATION FAILED TO START");
		assertThat(start).as("a failure report in:%n%s", all).isNotNegative();
		return all.substring(start);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class })
	static class ReportedApplication {

	}

}
