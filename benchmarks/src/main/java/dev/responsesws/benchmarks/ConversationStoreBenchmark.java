package dev.responsesws.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.responsesws.client.conversation.CompletedTurn;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.conversation.ConversationState;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ChainCounts;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.redis.RedisConversationStore;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversation store (part I): what keeping conversations in Redis adds to a turn, and how
 * often a turn keeps its chain when two instances of an application alternate the turns of each
 * conversation.
 *
 * <p>It starts its own {@code redis-server} (from the {@code PATH}) on a free loopback port and
 * the simulator in this JVM, and measures three things:
 * <ul>
 * <li>the store's calls around a turn, timed directly: the state read before the turn and the
 * append of its items (a user message and a short answer) after it, turn after turn of
 * conversations of {@code store-turns} turns, on the {@link RedisConversationStore} and, for
 * comparison, on the {@link InMemoryConversationStore};</li>
 * <li>the same turns end to end against the simulator, one {@link Conversation} per
 * conversation on one session, with the in-memory store and with the Redis store in alternating
 * rounds: the difference of the medians is the store's share of a whole turn;</li>
 * <li>two sessions with distinct instance ids sharing the Redis store, alternating the turns of
 * each conversation, with {@code store:true} and with {@code store:false}, next to one session
 * running every turn: the share of follow-up turns that continued a chain, from the sessions'
 * chain counts, and the request bytes a follow-up turn sent.</li>
 * </ul>
 */
final class ConversationStoreBenchmark {

	private static final String ANSWER = "Tomorrow starts cloudy with a light breeze from the west, turns to "
			+ "showers around noon and clears in the evening, with temperatures between 9 and 14 degrees.";

	private static final String INSTRUCTIONS = "You answer questions about the weather in one short sentence.";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private ConversationStoreBenchmark() {
	}

	static Map<String, String> defaults() {
		return Map.of("store-conversations", "200", "store-turns", "10", "store-rounds", "5",
				"store-alternating-conversations", "50");
	}

	/**
	 * Run the three measurements, each after an unmeasured warm-up.
	 * @param options {@code store-conversations} (per measured pass of the store calls and per
	 * round end to end, a tenth of it), {@code store-turns} (turns per conversation),
	 * {@code store-rounds} (end-to-end rounds per store) and {@code store-alternating-conversations}
	 * @return the figures
	 * @throws IOException if {@code redis-server} cannot be started
	 */
	static Result run(Map<String, String> options) throws IOException {
		int conversations = Integer.parseInt(options.get("store-conversations"));
		int turns = Integer.parseInt(options.get("store-turns"));
		int rounds = Integer.parseInt(options.get("store-rounds"));
		int alternating = Integer.parseInt(options.get("store-alternating-conversations"));
		try (RedisProcess redis = RedisProcess.start();
				MockResponsesServer server = MockResponsesServer.builder()
					.responder(Responders.always(OutputPlan.text(ANSWER)))
					.start()) {
			LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
			connectionFactory.afterPropertiesSet();
			connectionFactory.start();
			try {
				RedisConversationStore redisStore = RedisConversationStore
					.builder(new ReactiveStringRedisTemplate(connectionFactory))
					.keyPrefix("benchmark:")
					.ttl(Duration.ofHours(1))
					.build();
				InMemoryConversationStore memoryStore = new InMemoryConversationStore();
				storeCalls(redisStore, conversations, turns);
				storeCalls(memoryStore, conversations, turns);
				StoreCalls redisCalls = storeCalls(redisStore, conversations, turns);
				StoreCalls memoryCalls = storeCalls(memoryStore, conversations, turns);
				System.out.println("store: calls around a turn, Redis " + redisCalls.summary() + "; in memory "
						+ memoryCalls.summary());
				EndToEnd endToEnd = endToEnd(server, memoryStore, redisStore, Math.max(1, conversations / 10), turns,
						rounds);
				System.out.println("store: " + endToEnd.summary());
				List<ChainRow> chains = new ArrayList<>();
				chains(server, redisStore, true, Placement.ALTERNATING, Math.max(1, alternating / 5), turns);
				for (boolean store : List.of(true, false)) {
					for (Placement placement : Placement.values()) {
						ChainRow row = chains(server, redisStore, store, placement, alternating, turns);
						System.out.println("store: " + row.summary());
						chains.add(row);
					}
				}
				return new Result(options, RedisProcess.version(), redisCalls, memoryCalls, endToEnd, chains);
			}
			finally {
				connectionFactory.destroy();
			}
		}
	}

	/** Time the state read and the append of each turn, conversation after conversation. */
	private static StoreCalls storeCalls(ConversationStore store, int conversations, int turns) {
		String prefix = "calls-" + UUID.randomUUID() + "-";
		int count = conversations * turns;
		long[] reads = new long[count];
		long[] appends = new long[count];
		long[] totals = new long[count];
		int index = 0;
		for (int conversation = 0; conversation < conversations; conversation++) {
			String id = prefix + conversation;
			for (int turn = 0; turn < turns; turn++) {
				CompletedTurn completed = completedTurn(conversation, turn);
				long start = System.nanoTime();
				ConversationState state = store.state(id).block(TIMEOUT);
				long read = System.nanoTime();
				store.append(id, (state != null) ? state.version() : 0, completed).block(TIMEOUT);
				long end = System.nanoTime();
				reads[index] = read - start;
				appends[index] = end - read;
				totals[index] = end - start;
				index++;
			}
			store.delete(id).block(TIMEOUT);
		}
		Arrays.sort(reads);
		Arrays.sort(appends);
		Arrays.sort(totals);
		return new StoreCalls(count, Measure.percentileMicros(reads, 50), Measure.percentileMicros(appends, 50),
				Measure.percentileMicros(totals, 50), Measure.percentileMicros(totals, 99));
	}

	private static CompletedTurn completedTurn(int conversation, int turn) {
		ObjectNode answer = JsonMapper.shared().createObjectNode();
		answer.put("type", "message");
		answer.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
		answer.put("status", "completed");
		answer.put("role", "assistant");
		ObjectNode text = answer.putArray("content").addObject();
		text.put("type", "output_text");
		text.put("text", ANSWER);
		text.putArray("annotations");
		return new CompletedTurn(List.of(InputMessage.user(question(conversation, turn)).tree().toString(),
				answer.toString()), "resp_" + UUID.randomUUID().toString().replace("-", ""), false, "instance-a");
	}

	private static String question(int conversation, int turn) {
		return "Conversation " + conversation + ", question " + turn + ": will it rain tomorrow?";
	}

	/** The same turns end to end with each store, in alternating rounds after a warm-up round each. */
	private static EndToEnd endToEnd(MockResponsesServer server, ConversationStore memory, ConversationStore redis,
			int conversations, int turns, int rounds) {
		try (ResponsesSession session = session(server, "instance-a")) {
			turnMillis(session, memory, conversations, turns);
			turnMillis(session, redis, conversations, turns);
			List<Double> memoryMillis = new ArrayList<>();
			List<Double> redisMillis = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				memoryMillis.addAll(turnMillis(session, memory, conversations, turns));
				redisMillis.addAll(turnMillis(session, redis, conversations, turns));
			}
			return new EndToEnd(memoryMillis.size(), Measure.percentile(memoryMillis, 50),
					Measure.percentile(memoryMillis, 99), Measure.percentile(redisMillis, 50),
					Measure.percentile(redisMillis, 99));
		}
	}

	private static List<Double> turnMillis(ResponsesSession session, ConversationStore store, int conversations, int turns) {
		List<Double> millis = new ArrayList<>();
		String prefix = "turns-" + UUID.randomUUID() + "-";
		for (int index = 0; index < conversations; index++) {
			String id = prefix + index;
			Conversation conversation = Conversation.builder(session).settings(settings(false)).store(store, id).build();
			for (int turn = 0; turn < turns; turn++) {
				long start = System.nanoTime();
				conversation.execute(InputMessage.user(question(index, turn))).block(TIMEOUT);
				millis.add((System.nanoTime() - start) / 1e6);
			}
			store.delete(id).block(TIMEOUT);
		}
		return millis;
	}

	/**
	 * Run conversations on two sessions sharing the store, each turn on the instance the
	 * placement gives, and count the follow-up turns that continued a chain.
	 */
	private static ChainRow chains(MockResponsesServer server, ConversationStore store, boolean storeResponses,
			Placement placement, int conversations, int turns) {
		try (ResponsesSession one = session(server, "instance-one"); ResponsesSession two = session(server, "instance-two")) {
			server.reset();
			List<Double> followUpMillis = new ArrayList<>();
			String prefix = "chains-" + UUID.randomUUID() + "-";
			for (int index = 0; index < conversations; index++) {
				String id = prefix + index;
				Conversation onOne = Conversation.builder(one).settings(settings(storeResponses)).store(store, id).build();
				Conversation onTwo = Conversation.builder(two).settings(settings(storeResponses)).store(store, id).build();
				for (int turn = 0; turn < turns; turn++) {
					Conversation conversation = (placement == Placement.ALTERNATING && turn % 2 == 1) ? onTwo : onOne;
					long start = System.nanoTime();
					conversation.execute(InputMessage.user(question(index, turn))).block(TIMEOUT);
					if (turn > 0) {
						followUpMillis.add((System.nanoTime() - start) / 1e6);
					}
				}
			}
			List<RecordedFrame> requests = server.recordedRequests();
			long followUpBytes = 0;
			for (int index = 0; index < requests.size(); index++) {
				if (index % turns != 0) {
					followUpBytes += requests.get(index).sizeInBytes();
				}
			}
			ChainCounts first = one.snapshot().chains();
			ChainCounts second = two.snapshot().chains();
			long followUps = (long) conversations * (turns - 1);
			return new ChainRow(placement, storeResponses, followUps, first.hits() + second.hits(),
					first.storedHits() + second.storedHits(), otherInstance(first) + otherInstance(second),
					first.missed() + second.missed(), (double) followUpBytes / followUps,
					Measure.percentile(followUpMillis, 50));
		}
	}

	private static long otherInstance(ChainCounts chains) {
		return chains.misses().getOrDefault(ChainMissReason.OTHER_INSTANCE, 0L);
	}

	private static ResponsesSession session(MockResponsesServer server, String instanceId) {
		ResponsesSession session = ResponsesSession.builder()
			.baseUrl(server.httpBaseUrl())
			.apiKey("sk-benchmark")
			.instanceId(instanceId)
			.build();
		session.connect().block(TIMEOUT);
		return session;
	}

	private static CreateResponse settings(boolean store) {
		return CreateResponse.builder().model("simulated").instructions(INSTRUCTIONS).store(store).build();
	}

	/** Where the turns of a conversation run. */
	enum Placement {

		/** Every other turn on the second instance. */
		ALTERNATING("2 instances alternating"),

		/** Every turn on the first instance, as with sticky sessions. */
		ONE_INSTANCE("1 instance");

		private final String label;

		Placement(String label) {
			this.label = label;
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	/**
	 * The store's calls around a turn, timed directly.
	 * @param turns the turns measured
	 * @param readP50Micros median state read
	 * @param appendP50Micros median append
	 * @param p50Micros median read plus append
	 * @param p99Micros 99th percentile read plus append
	 */
	record StoreCalls(int turns, double readP50Micros, double appendP50Micros, double p50Micros, double p99Micros) {

		String summary() {
			return String.format(Locale.ROOT, "read p50 %.0f us, append p50 %.0f us, both p50 %.0f us p99 %.0f us (%d turns)",
					this.readP50Micros, this.appendP50Micros, this.p50Micros, this.p99Micros, this.turns);
		}

	}

	/**
	 * Whole turns against the simulator with each store.
	 * @param turnsPerStore the turns measured with each store
	 * @param memoryP50Millis median turn with the in-memory store
	 * @param memoryP99Millis 99th percentile with the in-memory store
	 * @param redisP50Millis median turn with the Redis store
	 * @param redisP99Millis 99th percentile with the Redis store
	 */
	record EndToEnd(int turnsPerStore, double memoryP50Millis, double memoryP99Millis, double redisP50Millis,
			double redisP99Millis) {

		double addedP50Millis() {
			return this.redisP50Millis - this.memoryP50Millis;
		}

		String summary() {
			return String.format(Locale.ROOT, "whole turns, in memory p50 %.3f ms p99 %.3f ms, Redis p50 %.3f ms p99 %.3f "
					+ "ms, added p50 %.3f ms (%d turns each)", this.memoryP50Millis, this.memoryP99Millis,
					this.redisP50Millis, this.redisP99Millis, addedP50Millis(), this.turnsPerStore);
		}

	}

	/**
	 * The chains of one placement and {@code store} setting.
	 * @param placement where the turns ran
	 * @param store whether responses were stored on the server
	 * @param followUps the follow-up turns, every turn after a conversation's first
	 * @param hits those that continued a chain
	 * @param storedHits of the hits, those whose previous response the server read from its storage
	 * @param otherInstanceMisses the follow-ups that replayed because another instance held the chain
	 * @param misses every follow-up that replayed, whatever the reason
	 * @param bytesPerFollowUp the request bytes a follow-up turn sent, on average
	 * @param followUpP50Millis the median follow-up turn
	 */
	record ChainRow(Placement placement, boolean store, long followUps, long hits, long storedHits,
			long otherInstanceMisses, long misses, double bytesPerFollowUp, double followUpP50Millis) {

		double chainShare() {
			return (double) this.hits / this.followUps;
		}

		String summary() {
			return String.format(Locale.ROOT, "%s, store:%s: chained %.1f%% (%d of %d, %d stored hits), %d replayed "
					+ "(%d other instance), %.0f bytes per follow-up, follow-up p50 %.3f ms", this.placement, this.store,
					100 * chainShare(), this.hits, this.followUps, this.storedHits, this.misses, this.otherInstanceMisses,
					this.bytesPerFollowUp, this.followUpP50Millis);
		}

	}

	/**
	 * Part I's figures.
	 * @param options the options it ran with
	 * @param redisVersion the version of {@code redis-server}
	 * @param redisCalls the store calls on Redis
	 * @param memoryCalls the store calls in memory
	 * @param endToEnd whole turns with each store
	 * @param chains the chains per placement and {@code store} setting
	 */
	record Result(Map<String, String> options, String redisVersion, StoreCalls redisCalls, StoreCalls memoryCalls,
			EndToEnd endToEnd, List<ChainRow> chains) {

		String markdown() {
			StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "## I. Conversation store%n%n"
					+ "`RedisConversationStore` on a `redis-server` started by the benchmark on loopback (%s, no "
					+ "persistence), through Lettuce; the simulator runs in the client's JVM. A turn of a stored "
					+ "conversation reads the conversation's state before it is sent and appends its items (here a "
					+ "user message and a %d-character answer) once it completed.%n%n"
					+ "The store's calls around a turn, timed directly, %d turns in conversations of %s turns, one "
					+ "call after the other, after as many unmeasured:%n%n"
					+ "| store | state read p50 | append p50 | read + append p50 | read + append p99 |%n"
					+ "|---|---|---|---|---|%n", this.redisVersion, ANSWER.length(), this.redisCalls.turns(),
					this.options.get("store-turns")));
			for (StoreCalls calls : List.of(this.redisCalls, this.memoryCalls)) {
				markdown.append(String.format(Locale.ROOT, "| %s | %.0f us | %.0f us | %.0f us | %.0f us |%n",
						(calls == this.redisCalls) ? "Redis" : "in memory", calls.readP50Micros(), calls.appendP50Micros(),
						calls.p50Micros(), calls.p99Micros()));
			}
			double added = (this.redisCalls.p50Micros() - this.memoryCalls.p50Micros()) / 1000;
			markdown.append(String.format(Locale.ROOT, "%nWhole turns against the simulator, one `Conversation` per "
					+ "conversation on one session (`store:false`, every follow-up chained on its connection), %d turns "
					+ "per store in %s alternating rounds after one warm-up round each: p50 %.3f ms (p99 %.3f ms) with "
					+ "the in-memory store, %.3f ms (p99 %.3f ms) with Redis, %.3f ms more.%n%n", this.endToEnd.turnsPerStore(),
					this.options.get("store-rounds"), this.endToEnd.memoryP50Millis(), this.endToEnd.memoryP99Millis(),
					this.endToEnd.redisP50Millis(), this.endToEnd.redisP99Millis(), this.endToEnd.addedP50Millis()));
			markdown.append(String.format(Locale.ROOT, "- Target: the store's added latency per turn at most 1 ms at the "
					+ "p50: %s (read + append %.3f ms above the in-memory store's; whole turns %.3f ms above).%n%n",
					verdict(added <= 1 && this.endToEnd.addedP50Millis() <= 1), added, this.endToEnd.addedP50Millis()));
			markdown.append(String.format(Locale.ROOT, "Chains across instances: two sessions with distinct instance ids "
					+ "share the Redis store; %s conversations of %s turns each, every other turn on the second instance, "
					+ "or every turn on the first. A follow-up turn is chained when its session counted a chain hit "
					+ "(`snapshot().chains()`); a stored hit is one whose previous response no connection of that "
					+ "session held, so the server read it from its storage; a replay sends the whole transcript read "
					+ "from the store.%n%n"
					+ "| turns run on | `store` | chained follow-ups | stored hits | replayed (other instance) | bytes sent "
					+ "per follow-up | follow-up p50 |%n|---|---|---|---|---|---|---|%n",
					this.options.get("store-alternating-conversations"), this.options.get("store-turns")));
			for (ChainRow row : this.chains) {
				markdown.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% (%d of %d) | %d | %d (%d) | %.0f | %.3f ms |%n",
						row.placement(), row.store(), 100 * row.chainShare(), row.hits(), row.followUps(), row.storedHits(),
						row.misses(), row.otherInstanceMisses(), row.bytesPerFollowUp(), row.followUpP50Millis()));
			}
			return markdown.append('\n').toString();
		}

		private static String verdict(boolean met) {
			return met ? "met" : "**missed**";
		}

	}

}
