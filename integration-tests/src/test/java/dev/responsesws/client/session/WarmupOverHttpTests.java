package dev.responsesws.client.session;

import java.time.Duration;
import java.util.List;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm-up ({@code generate:false}) is never sent over HTTP, where it would be a full
 * generation: a session configured for HTTP, or one that fell back to it after a 426, refuses it
 * with {@link WarmupUnavailableException} before sending anything.
 */
class WarmupOverHttpTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	@BeforeEach
	void reset() {
		server.disconnectAll();
	}

	static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl()).apiKey("sk-test");
	}

	static CreateResponse request(String text) {
		return CreateResponse.builder().model("test-model").input(InputMessage.user(text)).store(false).build();
	}

	@Test
	void warmupOnAnHttpSessionFailsWithoutSendingAnything() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			StepVerifier.create(session.warmup(request("prepare")))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			assertThat(server.recordedFrames()).isEmpty();
			assertThat(server.upgradeAttempts()).isZero();
		}
	}

	@Test
	void requestWithGenerateFalseIsNotSentOverHttp() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			StepVerifier.create(session.execute(request("prepare").toBuilder().generate(false).build()))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			assertThat(server.recordedFrames()).isEmpty();
		}
	}

	@Test
	void requestWithGenerateTrueIsSentOverHttpWithoutTheField() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			Response response = session.execute(request("hello").toBuilder().generate(true).build()).block(TIMEOUT);
			assertThat(response.outputText()).isEqualTo("You said: hello");
			assertThat(server.recordedRequests()).singleElement()
				.satisfies((frame) -> assertThat(frame.tree().has("generate")).isFalse());
		}
	}

	@Test
	void warmupThatMeetsTheUpgradeRefusalFailsAndLeavesTheSessionOnHttp() {
		server.rejectUpgrades(426);
		try (ResponsesSession session = session().fallbackToHttp(true).build()) {
			StepVerifier.create(session.warmup(request("prepare")))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			assertThat(server.upgradeAttempts()).isEqualTo(1);
			assertThat(server.recordedFrames()).as("nothing generated").isEmpty();
			assertThat(session.execute(request("hello")).block(TIMEOUT).outputText()).isEqualTo("You said: hello");
		}
	}

	@Test
	void warmupAssembledBeforeTheFallbackAndSubscribedAfterItFails() {
		server.rejectUpgrades(426);
		try (ResponsesSession session = session().build()) {
			Mono<String> warmup = session.warmup(request("prepare"));
			assertThat(session.execute(request("hello")).block(TIMEOUT).outputText()).isEqualTo("You said: hello");
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			StepVerifier.create(warmup).expectError(WarmupUnavailableException.class).verify(TIMEOUT);
			assertThat(server.recordedRequests()).singleElement()
				.satisfies((frame) -> assertThat(frame.requireRequest().input()).containsExactly(InputMessage.user("hello").tree()));
		}
	}

	@Test
	void conversationWarmupOverHttpFailsAndLeavesTheTranscriptEmpty() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			Conversation conversation = Conversation.builder(session).settings(settings()).build();
			InputMessage document = InputMessage.developer("A long document.");
			StepVerifier.create(conversation.warmup(document))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			assertThat(conversation.transcript()).isEmpty();
			assertThat(conversation.lastResponseId()).isNull();
			assertThat(server.recordedFrames()).isEmpty();
			Response answer = conversation.execute(document, InputMessage.user("summarize")).block(TIMEOUT);
			assertThat(answer.outputText()).isEqualTo("You said: summarize");
			List<RecordedFrame> requests = server.recordedRequests();
			assertThat(requests).singleElement().satisfies((frame) -> {
				assertThat(frame.transport()).isEqualTo(Transport.HTTP);
				assertThat(frame.requireRequest().input()).containsExactly(document.tree(), InputMessage.user("summarize").tree());
			});
			assertThat(conversation.transcript()).hasSize(3);
			assertThat(conversation.lastResponseId()).isEqualTo(answer.id());
		}
	}

	@Test
	void conversationWarmupThatMeetsTheUpgradeRefusalFailsAndLeavesTheTranscriptEmpty() {
		server.rejectUpgrades(426);
		try (ResponsesSession session = session().build()) {
			Conversation conversation = Conversation.builder(session).settings(settings()).build();
			StepVerifier.create(conversation.warmup(InputMessage.developer("A long document.")))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			assertThat(session.transport()).isEqualTo(TransportMode.HTTP);
			assertThat(conversation.transcript()).isEmpty();
			assertThat(conversation.lastResponseId()).isNull();
			assertThat(server.recordedFrames()).isEmpty();
			assertThat(conversation.execute(InputMessage.user("hello")).block(TIMEOUT).outputText())
				.isEqualTo("You said: hello");
		}
	}

	@Test
	void conversationAfterAFailedWarmupHoldsOnlyTheItemsOfItsTurns() {
		try (ResponsesSession session = session().transport(TransportMode.HTTP).build()) {
			Conversation conversation = Conversation.builder(session).settings(settings()).build();
			StepVerifier.create(conversation.warmup(InputMessage.developer("A long document.")))
				.expectError(WarmupUnavailableException.class)
				.verify(TIMEOUT);
			conversation.execute(InputMessage.user("hello")).block(TIMEOUT);
			assertThat(server.recordedRequests()).singleElement()
				.satisfies((frame) -> assertThat(frame.requireRequest().input()).containsExactly(InputMessage.user("hello").tree()));
			assertThat(conversation.transcript()).hasSize(2);
			assertThat(conversation.turns()).isOne();
		}
	}

	private static CreateResponse settings() {
		return CreateResponse.builder().model("test-model").instructions("Be brief.").store(false).build();
	}

}
