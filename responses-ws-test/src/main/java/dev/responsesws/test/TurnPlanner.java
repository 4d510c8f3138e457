package dev.responsesws.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies the server's state rules to one request and produces either a rejection or the
 * script of the response: resolves {@code previous_response_id} from the lane's cache (a hit)
 * or the store (a miss that costs the whole context), refuses unknown ids with
 * {@code previous_response_not_found}, evicts the referenced id when the turn fails, asks the
 * responder for the plan, and remembers the finished response in the cache and, unless
 * {@code store:false}, in the store.
 */
final class TurnPlanner {

	private final SimulatorSettings settings;

	private final ResponseStore store;

	private final IdGenerator ids;

	private final PlanQueue queue;

	private final LongAdder serverNanos = new LongAdder();

	TurnPlanner(SimulatorSettings settings, ResponseStore store, IdGenerator ids, PlanQueue queue) {
		this.settings = settings;
		this.store = store;
		this.ids = ids;
		this.queue = queue;
	}

	/**
	 * Return the time spent on turns that produced a terminal event, from planning to that
	 * event, summed.
	 */
	Duration serverTime() {
		return Duration.ofNanos(this.serverNanos.sum());
	}

	void resetServerTime() {
		this.serverNanos.reset();
	}

	/**
	 * Plan a turn.
	 * @param body the request as received, whose settings the response echoes
	 * @param cache the lane's cache, or {@code null} over HTTP
	 */
	Turn plan(CreateResponse request, JsonNode body, @Nullable ChainCache cache, String connectionId,
			Transport transport, int turnNumber) {
		long started = System.nanoTime();
		String previous = request.previousResponseId();
		List<JsonNode> history = List.of();
		boolean hit = false;
		if (previous != null) {
			List<JsonNode> cached = (cache != null) ? cache.contextOf(previous) : null;
			if (cached != null) {
				history = cached;
				hit = true;
			}
			else {
				List<JsonNode> stored = this.store.contextOf(previous);
				if (stored == null) {
					return new Turn.Rejected(ErrorBodies.invalidRequest("previous_response_not_found",
							"Previous response with id '" + previous + "' not found."), "previous_response_id");
				}
				history = stored;
			}
		}
		List<JsonNode> input = new ArrayList<>();
		for (InputItem item : request.input()) {
			input.add(item.tree());
		}
		OutputPlan plan;
		if (Boolean.FALSE.equals(request.generate())) {
			plan = OutputPlan.empty();
		}
		else {
			TurnContext context = new TurnContext(request, history, input, hit, connectionId, transport, turnNumber);
			try {
				OutputPlan queued = this.queue.poll();
				plan = (queued != null) ? queued : this.settings.responder.respond(context);
			}
			catch (RuntimeException ex) {
				plan = OutputPlan.error(500, "server_error", "server_error",
						"The responder failed: " + ex.getClass().getSimpleName());
			}
		}
		OutputPlan.ErrorReply error = plan.errorReply();
		if (error != null) {
			if (cache != null) {
				cache.evict(previous);
			}
			return new Turn.Rejected(error, null);
		}
		long historyTokens = ConversationItems.tokens(history);
		long processed = (hit ? 0 : historyTokens) + ConversationItems.tokens(input) + fixedTokens(request);
		Duration prefill = this.settings.prefillPerToken.multipliedBy(processed);
		List<JsonNode> before = history;
		ResponseScript script = new ResponseScript(plan, this.ids.next("resp"), body, this.ids, processed,
				hit ? historyTokens : 0, prefill, this.settings.tokenRate, (finished) -> {
					this.serverNanos.add(System.nanoTime() - started);
					if (finished.ending() == OutputPlan.Ending.FAILED) {
						if (cache != null) {
							cache.evict(previous);
						}
						return;
					}
					List<JsonNode> context = new ArrayList<>(before.size() + input.size() + finished.output().size());
					context.addAll(before);
					context.addAll(input);
					context.addAll(finished.output());
					if (cache != null) {
						cache.remember(finished.id(), context);
					}
					if (!Boolean.FALSE.equals(request.store())) {
						this.store.put(finished.id(), context);
					}
				});
		return new Turn.Running(script, plan.fault());
	}

	/** Instructions and tools are processed on every turn: they are never inherited. */
	private static long fixedTokens(CreateResponse request) {
		long tokens = (request.instructions() != null) ? request.instructions().length() / 4 : 0;
		for (Tool tool : request.tools()) {
			tokens += ConversationItems.tokens(tool.tree());
		}
		return tokens;
	}

	/**
	 * The outcome of planning a turn.
	 */
	sealed interface Turn {

		/**
		 * The request is refused with an error.
		 * @param error the error
		 * @param param the request parameter it is about
		 */
		record Rejected(OutputPlan.ErrorReply error, @Nullable String param) implements Turn {
		}

		/**
		 * The response runs.
		 * @param script its frames
		 * @param fault a disconnect or close the transport applies, if any
		 */
		record Running(ResponseScript script, OutputPlan.@Nullable Fault fault) implements Turn {
		}

	}

}
