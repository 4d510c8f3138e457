package dev.responsesws.client.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.util.LoggerUtils;
import reactor.test.util.TestLogger;
import reactor.util.Loggers;
import reactor.util.context.ContextView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An observer that throws never breaks a turn, and its failures are not silent: the first one of
 * its class is logged at WARN with the class's name, the later ones at DEBUG.
 */
class ObserverFailureTests {

	@RegisterExtension
	static MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private final TestLogger log = new TestLogger(false);

	@BeforeAll
	static void installCapturingLoggers() {
		LoggerUtils.useCurrentLoggersWithCapture();
	}

	@AfterAll
	static void restoreLoggers() {
		Loggers.resetLoggerFactory();
	}

	@BeforeEach
	void captureLogs() {
		LoggerUtils.enableCaptureWith(this.log);
	}

	@AfterEach
	void stopCapturing() {
		LoggerUtils.disableCapture();
	}

	@Test
	void turnsCompleteAndTheFirstFailureOfTheObserverClassIsLoggedAtWarn(MockResponsesServer server) {
		ThrowingObserver observer = new ThrowingObserver();
		ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.observer(observer)
			.build();
		try {
			CreateResponse request = CreateResponse.builder().model("gpt-test").input(InputMessage.user("hello")).build();
			for (int turn = 0; turn < 2; turn++) {
				StepVerifier.create(session.execute(request))
					.assertNext((response) -> assertThat(response.outputText()).isNotEmpty())
					.expectComplete()
					.verify(Duration.ofSeconds(30));
			}
		}
		finally {
			session.close(Duration.ofSeconds(5)).block(Duration.ofSeconds(30));
		}
		assertThat(observer.calls.get()).isGreaterThan(4);
		String warnings = this.log.getErrContent();
		assertThat(warnings).contains("[ WARN]").contains(ThrowingObserver.class.getName()).contains("observer failed");
		assertThat(warnLinesNaming(warnings, ThrowingObserver.class.getName() + " threw"))
			.as("one WARN line for the observer class, however often it threw")
			.isEqualTo(1);
		assertThat(warnLinesNaming(warnings, ThrowingObserver.class.getName() + "$1 threw"))
			.as("its turn observation is a class of its own, reported once too")
			.isEqualTo(1);
	}

	private static long warnLinesNaming(String log, String text) {
		return log.lines().filter((line) -> line.contains("[ WARN]") && line.contains(text)).count();
	}

	static final class ThrowingObserver implements SessionObserver {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
			this.calls.incrementAndGet();
			return new TurnObservation() {

				@Override
				public void firstEvent() {
					fail();
				}

				@Override
				public void completed(@Nullable Response response) {
					fail();
				}

			};
		}

		@Override
		public void connectionOpened() {
			fail();
		}

		@Override
		public void bytesSent(long bytes) {
			fail();
		}

		private void fail() {
			this.calls.incrementAndGet();
			throw new IllegalStateException("observer failed");
		}

	}

}
