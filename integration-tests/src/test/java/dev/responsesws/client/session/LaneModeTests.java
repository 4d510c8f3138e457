package dev.responsesws.client.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.SimulatedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the lane modes and of the pool's default sizing: how many follow-up turns of
 * concurrent conversations stay chained, told from the requests the simulator received.
 */
class LaneModeTests {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	static ResponsesSession.Builder session() {
		return ResponsesSession.builder().baseUrl(server.httpBaseUrl());
	}

	static CreateResponse settings() {
		return CreateResponse.builder().model("test-model").instructions("Be brief.").store(false).build();
	}

	@Test
	void autoKeepsEveryChainOfFiftyConversationsOnEightConnections() {
		server.tokenRate(400);
		try (ResponsesSession session = session().connections(0, 8).lanes(LaneMode.AUTO, 16).build()) {
			Chains chains = converse(session, 50, 5);
			assertThat(chains.followUps()).isEqualTo(50 * 4);
			assertThat(chains.chained()).as("follow-ups sent with previous_response_id and only the new item")
				.isEqualTo(chains.followUps());
			assertThat(chains.replays()).as("turns that sent the whole transcript again").isZero();
			assertThat(chains.connections()).isLessThanOrEqualTo(8);
			assertThat(chains.requests()).allSatisfy((request) -> assertThat(request.streamId()).isNotNull());
			assertThat(session.lanesInUse()).isTrue();
		}
	}

	@Test
	void defaultSettingsKeepTheChainsOfFiveConcurrentConversations() {
		server.tokenRate(400);
		try (ResponsesSession session = session().build()) {
			Chains chains = converse(session, 5, 6);
			assertThat(chains.followUps()).isEqualTo(5 * 5);
			assertThat(chains.chainedShare()).as("share of follow-ups chained").isGreaterThanOrEqualTo(0.95);
		}
	}

	@Test
	void defaultSettingsKeepTheChainsOfConversationsThatStartedOneAfterTheOther() {
		try (ResponsesSession session = session().build()) {
			List<Conversation> conversations = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				Conversation conversation = Conversation.builder(session).settings(settings()).build();
				conversation.execute(InputMessage.user("c" + i + " t1")).block(TIMEOUT);
				conversations.add(conversation);
			}
			server.tokenRate(400);
			Flux.range(0, conversations.size())
				.flatMap((i) -> conversations.get(i).execute(InputMessage.user("c" + i + " t2")), conversations.size())
				.collectList()
				.block(TIMEOUT);
			Chains chains = Chains.of(server.recordedRequests());
			assertThat(chains.chained()).as("follow-ups chained").isEqualTo(40);
			assertThat(chains.replays()).isZero();
		}
	}

	@ParameterizedTest(name = "at most {0} connections")
	@ValueSource(ints = { 1, 8 })
	void autoRunsTurnsWithoutLanesWhenTheServerRefusesThem(int maxConnections) {
		server.lanes(false);
		try (ResponsesSession session = session().connections(0, maxConnections).lanes(LaneMode.AUTO, 16).build()) {
			assertThat(session.lanesInUse()).isTrue();
			Chains chains = converse(session, 4, 3);
			assertThat(session.lanesInUse()).isFalse();
			assertThat(session.snapshot().lanesInUse()).isFalse();
			assertThat(session.snapshot().turnsFailed()).isZero();
			List<SimulatedRequest> refused = chains.requests()
				.stream()
				.filter((request) -> request.streamId() != null)
				.toList();
			assertThat(refused).as("turns the server refused for their lane").isNotEmpty();
			assertThat(chains.byTurn()).hasSize(4 * 3).allSatisfy((turn, requests) -> {
				SimulatedRequest last = requests.get(requests.size() - 1);
				assertThat(last.streamId()).as("the request of " + turn + " that ran").isNull();
				assertThat(requests.subList(0, requests.size() - 1))
					.as("the requests of " + turn + " the server refused")
					.allSatisfy((request) -> assertThat(request.streamId()).isNotNull());
			});
			assertThat(refused).allSatisfy((request) -> assertThat(request.input()).hasSize(1));
		}
	}

	@Test
	void onReportsTheRefusalOfLanesToTheCaller() {
		server.lanes(false);
		try (ResponsesSession session = session().lanes(LaneMode.ON, 16).build()) {
			CreateResponse request = settings().toBuilder().input(InputMessage.user("hi")).build();
			StepVerifier.create(session.execute(request)).expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOfSatisfying(ResponsesApiException.class, (refused) -> {
					assertThat(refused.status()).isEqualTo(400);
					assertThat(refused.code()).isEqualTo("unknown_parameter");
					assertThat(refused.error().param()).isEqualTo("stream_id");
				});
			}).verify(TIMEOUT);
			assertThat(session.lanesInUse()).isTrue();
			assertThat(server.recordedRequests()).hasSize(1);
		}
	}

	@Test
	void offNeverSendsALane() {
		try (ResponsesSession session = session().lanes(LaneMode.OFF, 16).build()) {
			assertThat(session.lanesInUse()).isFalse();
			Chains chains = converse(session, 2, 2);
			assertThat(chains.requests()).allSatisfy((request) -> assertThat(request.streamId()).isNull());
			assertThat(chains.chained()).as("each chain on a connection of its own").isEqualTo(2);
		}
	}

	/**
	 * Run conversations at once, each its turns one after the other, and check every answer.
	 */
	static Chains converse(ResponsesSession session, int conversations, int turns) {
		return converse(server, session, conversations, turns);
	}

	/**
	 * Run conversations at once against the given simulator, each its turns one after the
	 * other, and check every answer.
	 */
	static Chains converse(MockResponsesServer server, ResponsesSession session, int conversations, int turns) {
		Flux.range(0, conversations).flatMap((i) -> {
			Conversation conversation = Conversation.builder(session).settings(settings()).build();
			return Flux.range(1, turns).concatMap((t) -> {
				String text = "c" + i + " t" + t;
				return conversation.execute(InputMessage.user(text))
					.doOnNext((response) -> assertThat(response.outputText()).isEqualTo("You said: " + text));
			});
		}, conversations).then().block(TIMEOUT);
		return Chains.of(server.recordedRequests());
	}

	/**
	 * What the simulator received, by turn: a turn is named by its new user message,
	 * {@code c<conversation> t<turn>}, the last input item of each of its requests.
	 */
	record Chains(Map<String, List<SimulatedRequest>> byTurn, List<SimulatedRequest> requests, int connections) {

		static Chains of(List<RecordedFrame> frames) {
			Map<String, List<SimulatedRequest>> byTurn = new LinkedHashMap<>();
			List<SimulatedRequest> requests = new ArrayList<>();
			for (RecordedFrame frame : frames) {
				SimulatedRequest request = frame.requireRequest();
				requests.add(request);
				List<JsonNode> input = request.input();
				String last = input.get(input.size() - 1).path("content").asString("");
				byTurn.computeIfAbsent(last, (turn) -> new ArrayList<>()).add(request);
			}
			int connections = (int) frames.stream().map(RecordedFrame::connectionId).distinct().count();
			return new Chains(byTurn, requests, connections);
		}

		long followUps() {
			return this.byTurn.keySet().stream().filter((turn) -> !turn.endsWith(" t1")).count();
		}

		/** Follow-ups whose every request continued the chain with only the new item. */
		long chained() {
			return this.byTurn.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().endsWith(" t1"))
				.filter((entry) -> entry.getValue()
					.stream()
					.allMatch((request) -> request.previousResponseId() != null && request.input().size() == 1))
				.count();
		}

		double chainedShare() {
			return (double) chained() / followUps();
		}

		/** Requests that carried the whole transcript of a conversation that had one. */
		long replays() {
			return this.byTurn.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().endsWith(" t1"))
				.flatMap((entry) -> entry.getValue().stream())
				.filter((request) -> request.previousResponseId() == null)
				.count();
		}

	}

}
