package dev.responsesws.client.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.responsesws.test.OutputPlan;
import dev.responsesws.test.Responder;
import dev.responsesws.test.Transport;
import dev.responsesws.test.TurnContext;
import dev.responsesws.test.proxy.NetworkProxy;
import reactor.core.publisher.Mono;

/**
 * The faults of a chaos run, drawn from its seed so that a run can be repeated. The simulator
 * answers the first attempt of a turn with a fault now and then: a reset mid-stream, a stall
 * longer than the session's idle timeout, a 429 or 500 error, a malformed event, a
 * connection-limit refusal; the proxy resets every connection or refuses new ones for a moment
 * before a turn. Half of the faults in a stream hit a long answer, so that a slow subscriber is
 * still reading when the fault comes. Each fault fits the transport the request came over: the
 * connection-limit refusal exists only in WebSocket mode, so over HTTP the response fails
 * instead. Turns are named {@code c<conversation>-t<turn>} by their user message. Thread-safe.
 */
final class SeededFaults implements Responder {

	private static final int LONG_ANSWER_TOKENS = 200;

	/** Events of a long answer: the deltas and the eight events around them. */
	private static final int LONG_ANSWER_EVENTS = LONG_ANSWER_TOKENS + 8;

	/** Events of a short answer up to its last delta, where its faults come. */
	private static final int SHORT_ANSWER_EVENTS = 7;

	private final long seed;

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final Map<String, String> faults = new ConcurrentHashMap<>();

	SeededFaults(long seed) {
		this.seed = seed;
	}

	@Override
	public OutputPlan respond(TurnContext turn) {
		String text = turn.lastUserText();
		OutputPlan answer = OutputPlan.text("answer to " + text);
		if (text == null || this.attempts.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet() > 1) {
			return answer;
		}
		String[] parts = text.substring(1).split("-t");
		SplittableRandom random = new SplittableRandom(this.seed + Integer.parseInt(parts[0]) * 1000L
				+ Integer.parseInt(parts[1]));
		int roll = random.nextInt(100);
		boolean longAnswer = random.nextBoolean();
		OutputPlan streamed = longAnswer ? OutputPlan.tokens(LONG_ANSWER_TOKENS) : answer;
		int events = longAnswer ? LONG_ANSWER_EVENTS : SHORT_ANSWER_EVENTS;
		String fault = null;
		OutputPlan plan = answer;
		if (roll < 4) {
			fault = "reset mid-stream";
			plan = streamed.disconnectAfter(random.nextInt(events));
		}
		else if (roll < 7) {
			fault = "stall";
			plan = streamed.delay(Duration.ofMillis(2_500));
		}
		else if (roll < 9) {
			fault = "429";
			plan = OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down",
					Map.of("retry-after-ms", "100", "x-ratelimit-remaining-requests", "0"));
		}
		else if (roll < 10) {
			fault = "500";
			plan = OutputPlan.error(500, "server_error", "server_error", "Internal error");
		}
		else if (roll < 12) {
			fault = "malformed event";
			plan = streamed.malformedFrameAfter(random.nextInt(events - 1));
		}
		else if (roll < 14) {
			if (turn.transport() == Transport.WEBSOCKET) {
				fault = "connection limit";
				plan = OutputPlan.error(400, "invalid_request_error", "websocket_connection_limit_reached",
						"This connection has reached its maximum duration.");
			}
			else {
				fault = "failed response";
				plan = streamed.failed("server_error", "The server had an error while processing your request.");
			}
		}
		if (fault != null) {
			this.faults.put(text, fault);
		}
		return plan;
	}

	/**
	 * Maybe break the network before a turn: reset every connection through the proxy, or
	 * refuse new connections for 50 milliseconds.
	 * @param proxy the proxy between the session and the simulator
	 * @param conversation the conversation's index
	 * @param turn the turn's index in the conversation
	 */
	void beforeTurn(NetworkProxy proxy, int conversation, int turn) {
		SplittableRandom random = new SplittableRandom(this.seed * 31 + conversation * 1000L + turn + 7);
		int roll = random.nextInt(1000);
		if (roll < 3) {
			this.faults.put("proxy-reset-" + conversation + "-" + turn, "reset");
			proxy.resetAll();
		}
		else if (roll < 5) {
			this.faults.put("proxy-refuse-" + conversation + "-" + turn, "refuse");
			proxy.refuseConnections(true);
			Mono.delay(Duration.ofMillis(50)).subscribe((tick) -> proxy.refuseConnections(false));
		}
	}

	/**
	 * Return how many faults were injected so far.
	 * @return the count
	 */
	int injected() {
		return this.faults.size();
	}

}
