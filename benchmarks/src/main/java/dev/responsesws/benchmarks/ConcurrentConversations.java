package dev.responsesws.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.LaneMode;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.ResponsesSessionDefaults;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many conversations at once on one session (part G): how often a follow-up turn keeps its chain,
 * so that it sends only its new items and the server serves the history from the connection's
 * memory, instead of replaying the whole transcript at the cost of processing it again.
 *
 * <p>For each lane setup, think time and number of conversations, a new session with a fixed
 * pool of connections (opened before the conversations start) and a queue with room for every
 * conversation's turn runs that many
 * {@link Conversation}s at once, each a fixed number of turns, {@code store:false}, as an
 * application would: the next turn starts when the previous one ended, after the think time.
 * The lane setups: {@link LaneMode#AUTO}, the default, against a simulator with lanes, and
 * {@link LaneMode#OFF} against a simulator built without lanes. The simulator runs in this JVM,
 * with the prefill cost per processed input token of part B; client CPU is not measured here.
 *
 * <p>A follow-up turn counts as chained when its final response reports cached input tokens:
 * the simulator took its {@code previous_response_id} and served the history from the
 * connection's memory. The simulator's records give the requests that carried a
 * {@code previous_response_id}; those beyond the chained turns were refused
 * ({@code previous_response_not_found}) and replayed.
 */
final class ConcurrentConversations {

	static final String INSTRUCTIONS = "You answer questions about the weather in one short sentence. ".repeat(8);

	private static final String ANSWER = "Tomorrow starts cloudy with a light breeze from the west, turns to "
			+ "showers around noon and clears in the evening, with temperatures between 9 and 14 degrees.";

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

	private static final int WARMUP_CONVERSATIONS = 16;

	private ConcurrentConversations() {
	}

	static Map<String, String> defaults() {
		return Map.of("concurrency-sizes", "1,8,16,64,256", "concurrency-turns", "10", "think-ms", "0,50",
				"concurrency-connections", "8", "concurrency-lanes", "auto,off");
	}

	/**
	 * Run every combination, one lane setup at a time against its own simulator, after an
	 * unmeasured warm-up run on each.
	 * @param options {@code concurrency-sizes}, {@code concurrency-turns}, {@code think-ms},
	 * {@code concurrency-connections}, {@code concurrency-lanes} ({@code auto}, {@code off}) and
	 * B's {@code prefill-us}
	 * @return the figures
	 */
	static Result run(Map<String, String> options) {
		int turns = Integer.parseInt(options.get("concurrency-turns"));
		int connections = Integer.parseInt(options.get("concurrency-connections"));
		Duration prefill = Duration.ofNanos(Long.parseLong(options.get("prefill-us")) * 1000);
		List<Row> rows = new ArrayList<>();
		for (String name : options.get("concurrency-lanes").split(",")) {
			Lanes lanes = Lanes.of(name.trim());
			try (MockResponsesServer server = MockResponsesServer.builder()
				.prefillPerToken(prefill)
				.lanes(lanes == Lanes.AUTO)
				.responder(Responders.always(OutputPlan.text(ANSWER)))
				.start()) {
				Row warmup = runOnce(server, lanes, WARMUP_CONVERSATIONS, turns, 0, connections);
				System.out.println("warm-up " + warmup.summary());
				for (String think : options.get("think-ms").split(",")) {
					for (String size : options.get("concurrency-sizes").split(",")) {
						Row row = runOnce(server, lanes, Integer.parseInt(size.trim()), turns,
								Integer.parseInt(think.trim()), connections);
						System.out.println(row.summary());
						rows.add(row);
					}
				}
			}
		}
		return new Result(options, rows);
	}

	private static Row runOnce(MockResponsesServer server, Lanes lanes, int conversations, int turns, int thinkMillis,
			int connections) {
		ResponsesSession.Builder builder = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.apiKey("sk-benchmark")
			.connections(connections, connections)
			.queue(Math.max(conversations, ResponsesSessionDefaults.MAX_QUEUED), Duration.ofMinutes(2));
		if (lanes == Lanes.OFF) {
			builder.lanes(LaneMode.OFF, ResponsesSessionDefaults.MAX_TURNS_PER_CONNECTION);
		}
		try (ResponsesSession session = builder.build()) {
			session.connect().block(RUN_TIMEOUT);
			server.reset();
			Queue<TurnRecord> records = new ConcurrentLinkedQueue<>();
			long start = System.nanoTime();
			List<Double> conversationMillis = Flux.range(0, conversations)
				.flatMap((index) -> conversation(session, index, turns, thinkMillis, records), conversations)
				.collectList()
				.block(RUN_TIMEOUT);
			double seconds = (System.nanoTime() - start) / 1e9;
			long chainAttempts = server.recordedRequests()
				.stream()
				.map(RecordedFrame::requireRequest)
				.filter((request) -> request.previousResponseId() != null)
				.count();
			return Row.of(lanes, conversations, connections, thinkMillis, (conversationMillis != null) ? conversationMillis : List.of(),
					List.copyOf(records), chainAttempts, seconds);
		}
	}

	/** One conversation's turns, one after the other; emits its time from start to last answer. */
	private static Mono<Double> conversation(ResponsesSession session, int index, int turns, int thinkMillis,
			Queue<TurnRecord> records) {
		return Mono.defer(() -> {
			Conversation conversation = Conversation.builder(session)
				.settings(CreateResponse.builder()
					.model("simulated")
					.instructions(INSTRUCTIONS)
					.store(false)
					.build())
				.build();
			long start = System.nanoTime();
			return Flux.range(1, turns).concatMap((turn) -> {
				Mono<TurnRecord> next = turn(conversation, index, turn);
				return (turn > 1 && thinkMillis > 0) ? Mono.delay(Duration.ofMillis(thinkMillis)).then(next) : next;
			}).doOnNext(records::add).then(Mono.fromCallable(() -> (System.nanoTime() - start) / 1e6));
		});
	}

	private static Mono<TurnRecord> turn(Conversation conversation, int index, int turn) {
		return Mono.defer(() -> {
			long subscribed = System.nanoTime();
			long[] firstEvent = { -1 };
			return conversation
				.send(InputMessage.user("Conversation " + index + ", question " + turn + ": will it rain tomorrow?"))
				.doOnNext((event) -> {
					if (firstEvent[0] < 0) {
						firstEvent[0] = System.nanoTime() - subscribed;
					}
				})
				.ofType(ResponseTerminalEvent.class)
				.last()
				.map((terminal) -> {
					Response response = terminal.response();
					return new TurnRecord(turn, !"failed".equals(response.status()), response.usage().inputTokens(),
							response.usage().cachedInputTokens(), firstEvent[0], System.nanoTime() - subscribed, null);
				})
				.onErrorResume((ex) -> Mono.just(new TurnRecord(turn, false, 0, 0, firstEvent[0],
						System.nanoTime() - subscribed, ex.getClass().getSimpleName() + ": " + ex.getMessage())));
		});
	}

	/** The lane setups: the client's lane mode and whether the simulator has lanes. */
	enum Lanes {

		/** {@link LaneMode#AUTO} against a simulator with lanes. */
		AUTO("auto"),

		/** {@link LaneMode#OFF} against a simulator without lanes. */
		OFF("off");

		private final String label;

		Lanes(String label) {
			this.label = label;
		}

		static Lanes of(String name) {
			for (Lanes lanes : values()) {
				if (lanes.label.equals(name)) {
					return lanes;
				}
			}
			throw new IllegalArgumentException("Unknown lane setup " + name + ", expected auto or off");
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	/**
	 * One turn as the application saw it.
	 * @param turn the turn's number in its conversation, from 1
	 * @param succeeded whether it ended with a response that did not fail
	 * @param inputTokens the input tokens the simulator processed for it, cached ones excluded
	 * @param cachedTokens the input tokens the simulator served from the connection's memory
	 * @param firstEventNanos from subscription to the first event, -1 if none came
	 * @param totalNanos from subscription to the final response or the error
	 * @param error the error, if the turn failed with one
	 */
	record TurnRecord(int turn, boolean succeeded, long inputTokens, long cachedTokens, long firstEventNanos,
			long totalNanos, @Nullable String error) {
	}

	/**
	 * The figures of one run.
	 * @param lanes the lane setup
	 * @param conversations the conversations at once
	 * @param connections the connections of the session's pool
	 * @param thinkMillis the pause between a turn's end and the conversation's next turn
	 * @param followUps the follow-up turns (every turn after a conversation's first) that
	 * succeeded
	 * @param chained of those, the ones the simulator served from the connection's memory
	 * @param chainAttempts the requests carrying a {@code previous_response_id} the simulator
	 * received
	 * @param medianConversationMillis the median conversation time, from its start to its last
	 * answer, think time included
	 * @param p95ConversationMillis the 95th percentile conversation time
	 * @param p99TurnMillis the 99th percentile turn time, from subscription to the final response
	 * @param longestFirstEventMillis the longest time from a turn's subscription to its first event
	 * ({@code response.created}, which the simulator sends before the prefill): the wait for a
	 * connection plus a loopback round trip
	 * @param processedTokens the input tokens the simulator processed, over every turn
	 * @param failedTurns the turns that failed
	 * @param firstError the first failure, if any
	 * @param seconds the run's wall-clock time
	 */
	record Row(Lanes lanes, int conversations, int connections, int thinkMillis, long followUps, long chained, long chainAttempts,
			double medianConversationMillis, double p95ConversationMillis, double p99TurnMillis,
			double longestFirstEventMillis, long processedTokens, long failedTurns,
			@Nullable String firstError, double seconds) {

		static Row of(Lanes lanes, int conversations, int connections, int thinkMillis, List<Double> conversationMillis,
				List<TurnRecord> records, long chainAttempts, double seconds) {
			long followUps = 0;
			long chained = 0;
			long processed = 0;
			long failed = 0;
			String firstError = null;
			List<Double> turnMillis = new ArrayList<>();
			double longestFirstEvent = 0;
			for (TurnRecord record : records) {
				turnMillis.add(record.totalNanos() / 1e6);
				longestFirstEvent = Math.max(longestFirstEvent, record.firstEventNanos() / 1e6);
				if (!record.succeeded()) {
					failed++;
					firstError = (firstError != null) ? firstError : record.error();
					continue;
				}
				processed += record.inputTokens();
				if (record.turn() > 1) {
					followUps++;
					if (record.cachedTokens() > 0) {
						chained++;
					}
				}
			}
			return new Row(lanes, conversations, connections, thinkMillis, followUps, chained, chainAttempts,
					percentile(conversationMillis, 50), percentile(conversationMillis, 95), percentile(turnMillis, 99),
					longestFirstEvent, processed, failed, firstError, seconds);
		}

		private static double percentile(List<Double> values, double percentile) {
			return values.isEmpty() ? Double.NaN : Measure.percentile(values, percentile);
		}

		/** @return the chained share of the follow-up turns, 1 when there were none */
		double chainedShare() {
			return (this.followUps > 0) ? (double) this.chained / this.followUps : 1;
		}

		/** @return the share this run is judged by, or {@code NaN} when it has no target */
		double target() {
			if (this.lanes == Lanes.AUTO && this.conversations <= 256) {
				return 0.99;
			}
			if (this.lanes == Lanes.OFF && this.conversations == 16 && this.connections == 8) {
				return 0.75;
			}
			return Double.NaN;
		}

		/** @return whether the target is met; {@code true} when there is none */
		boolean met() {
			return Double.isNaN(target()) || chainedShare() >= target();
		}

		String summary() {
			return String.format(Locale.ROOT,
					"concurrency: lanes %-4s %3d conversations, think %3d ms: chained %5.1f%% (%d of %d, %d chain "
							+ "requests), conversation median %7.1f ms p95 %7.1f ms, turn p99 %6.1f ms, longest wait for "
							+ "first event %6.1f ms, %d input tokens processed, %d failed turns, %.1f s%s",
					this.lanes, this.conversations, this.thinkMillis, 100 * chainedShare(), this.chained, this.followUps,
					this.chainAttempts, this.medianConversationMillis, this.p95ConversationMillis, this.p99TurnMillis,
					this.longestFirstEventMillis, this.processedTokens, this.failedTurns, this.seconds,
					(this.firstError != null) ? "; first failure: " + this.firstError : "");
		}

	}

	/**
	 * Part G's figures.
	 * @param options the options it ran with
	 * @param rows one row per lane setup, think time and number of conversations
	 */
	record Result(Map<String, String> options, List<Row> rows) {

		String markdown() {
			StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "## G. Concurrency%n%nConversations "
					+ "at once on one session of %s connections (the pool's maximum, opened before they start, with a "
					+ "queue that has room for a turn of every conversation), %s turns each, `store:false`, the next turn of a conversation starting when its previous one ended, after "
					+ "the think time. Each turn sends a user message with instructions of %d characters; the simulator "
					+ "answers with a %d-character text, after its prefill cost of %s us per processed input token. "
					+ "Lanes auto is `LaneMode.AUTO` (the default) against a simulator with lanes; lanes off is "
					+ "`LaneMode.OFF` against a simulator built with `.lanes(false)`. The simulator runs in the client's "
					+ "JVM, on loopback without the latency proxy; client CPU is not measured here.%n%n"
					+ "A follow-up turn (every turn after a conversation's first) is chained when its final response "
					+ "reports cached input tokens: the simulator took its `previous_response_id` and served the history "
					+ "from the connection's memory; otherwise the conversation replayed its whole transcript. Chain "
					+ "requests are the requests with a `previous_response_id` in the simulator's records; those beyond "
					+ "the chained turns were refused with `previous_response_not_found` and replayed. Input tokens "
					+ "processed are the sum of the final responses' `input_tokens`, which the simulator reports without "
					+ "the cached ones. Conversation time runs from its start to its last answer, think time included; "
					+ "turn time from subscribing to the turn to its final response. The longest wait for the first "
					+ "event is the longest time from a turn's subscription to its `response.created`, which the "
					+ "simulator sends before the prefill: the wait for a connection, in the client's queue or the "
					+ "server's, plus a loopback round trip.%n%n"
					+ "| lanes | think | conversations | chained follow-ups (target) | chain requests | median conversation "
					+ "(p95) | p99 turn | longest wait for first event | input tokens processed | failed turns |%n"
					+ "|---|---|---|---|---|---|---|---|---|---|%n",
					this.options.get("concurrency-connections"), this.options.get("concurrency-turns"),
					INSTRUCTIONS.length(), ANSWER.length(), this.options.get("prefill-us")));
			for (Row row : this.rows) {
				double target = row.target();
				markdown.append(String.format(Locale.ROOT,
						"| %s | %d ms | %d | %.1f%% (%d of %d)%s | %d | %.0f ms (%.0f) | %.1f ms | %.1f ms | %d | %d |%n",
						row.lanes(), row.thinkMillis(), row.conversations(), 100 * row.chainedShare(), row.chained(),
						row.followUps(), Double.isNaN(target) ? ""
								: String.format(Locale.ROOT, " (>= %.0f%%: %s)", target * 100, verdict(row.met())),
						row.chainAttempts(), row.medianConversationMillis(), row.p95ConversationMillis(),
						row.p99TurnMillis(), row.longestFirstEventMillis(), row.processedTokens(), row.failedTurns()));
			}
			markdown.append('\n');
			markdown.append(targetLine(Lanes.AUTO, "lanes auto: at least 99% of follow-up turns chained at every size "
					+ "up to 256"));
			markdown.append(targetLine(Lanes.OFF, "lanes off: at least 75% of follow-up turns chained with 16 "
					+ "conversations on 8 connections"));
			for (Row row : this.rows) {
				if (row.firstError() != null) {
					markdown.append(String.format(Locale.ROOT, "- lanes %s, think %d ms, %d conversations: %d turns "
							+ "failed, the first with %s%n", row.lanes(), row.thinkMillis(), row.conversations(),
							row.failedTurns(), row.firstError()));
				}
			}
			return markdown.append('\n').toString();
		}

		private String targetLine(Lanes lanes, String target) {
			List<String> judged = new ArrayList<>();
			boolean met = true;
			for (Row row : this.rows) {
				if (row.lanes() == lanes && !Double.isNaN(row.target())) {
					met &= row.met();
					judged.add(String.format(Locale.ROOT, "%.1f%% at %d conversations, think %d ms", 100 * row.chainedShare(),
							row.conversations(), row.thinkMillis()));
				}
			}
			if (judged.isEmpty()) {
				return "";
			}
			return String.format(Locale.ROOT, "- Target %s: %s (%s).%n", target, verdict(met), String.join("; ", judged));
		}

		private static String verdict(boolean met) {
			return met ? "met" : "**missed**";
		}

	}

}
