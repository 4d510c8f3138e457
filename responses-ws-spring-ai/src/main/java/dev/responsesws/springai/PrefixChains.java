package dev.responsesws.springai;

import java.util.List;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.Tool;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Chains a caller that resends its whole history: for a new turn it looks up the longest prefix
 * of the turn's items that a recent response was produced from and answered (under the same
 * model, instructions and tools); when a connection of the session still holds that response,
 * or the server stores responses, the turn sends only the items after the prefix, with
 * {@code previous_response_id}. Anything else sends everything: a prefix that matches nothing,
 * a response no longer held, or settings that differ in any way.
 */
final class PrefixChains {

	private final ResponsesSession session;

	private final ChainIndex index;

	private final boolean elideToolExchanges;

	PrefixChains(ResponsesSession session, int capacity, boolean elideToolExchanges) {
		this.session = session;
		this.index = new ChainIndex(capacity);
		this.elideToolExchanges = elideToolExchanges;
	}

	/**
	 * Plan a turn.
	 * @param settings the request without input
	 * @param items the turn's items, the whole history
	 * @param tools the request's tools
	 * @return the plan
	 */
	Turn plan(CreateResponse settings, List<InputItem> items, List<Tool> tools) {
		byte[] start = Fingerprints.ofSettings(settings.model(), settings.instructions(), tools);
		List<byte[]> prefixes = Fingerprints.prefixes(start, items);
		CreateResponse full = settings.toBuilder().input(items).previousResponseId(null).build();
		byte[] all = prefixes.get(items.size());
		byte[] beforeToolExchange = this.elideToolExchanges ? beforeToolExchange(items, prefixes) : null;
		for (int length = items.size() - 1; length > 0; length--) {
			String key = Fingerprints.hex(prefixes.get(length));
			String responseId = this.index.responseId(key);
			if (responseId == null) {
				continue;
			}
			if (this.session.holdsResponse(responseId) || Boolean.TRUE.equals(settings.store())) {
				CreateResponse chained = settings.toBuilder()
					.input(items.subList(length, items.size()))
					.previousResponseId(responseId)
					.build();
				return new Turn(chained, full, key, all, beforeToolExchange);
			}
			this.index.remove(key);
			this.session.replayingChain(responseId);
			break;
		}
		return new Turn(full, full, null, all, beforeToolExchange);
	}

	/**
	 * Return the fingerprint of the items before the tool exchange the items end with: the items
	 * after the last user message, when they hold a function call output.
	 */
	private static byte @Nullable [] beforeToolExchange(List<InputItem> items, List<byte[]> prefixes) {
		int start = items.size();
		boolean toolOutput = false;
		while (start > 0) {
			JsonNode item = items.get(start - 1).tree();
			String type = item.path("type").asString("message");
			if ("message".equals(type) && "user".equals(item.path("role").asString(""))) {
				break;
			}
			toolOutput |= "function_call_output".equals(type);
			start--;
		}
		return (toolOutput && start > 0) ? prefixes.get(start) : null;
	}

	/**
	 * Remember a completed response under the fingerprint of its items and its output.
	 * @param turn the turn's plan
	 * @param response the response
	 */
	void completed(Turn turn, Response response) {
		byte[] fingerprint = turn.fingerprint();
		for (InputItem item : PromptItems.assistant(ChatResponses.assistant(response))) {
			fingerprint = Fingerprints.next(fingerprint, item.tree());
		}
		this.index.put(Fingerprints.hex(fingerprint), response.id());
		byte[] elided = turn.beforeToolExchange();
		if (elided != null && response.functionCalls().isEmpty()) {
			for (InputItem item : PromptItems.assistant(ChatResponses.assistant(response))) {
				elided = Fingerprints.next(elided, item.tree());
			}
			this.index.put(Fingerprints.hex(elided), response.id());
		}
	}

	/**
	 * Forget the response a turn continued, which the server did not find.
	 * @param turn the turn's plan
	 */
	void lost(Turn turn) {
		if (turn.chainKey() != null) {
			this.index.remove(turn.chainKey());
		}
	}

	/**
	 * Return how many responses are remembered.
	 * @return the count
	 */
	int size() {
		return this.index.size();
	}

	/**
	 * A planned turn.
	 *
	 * @param request the request to send first
	 * @param full the request with every item and no {@code previous_response_id}
	 * @param chainKey the fingerprint of the prefix the request continues, {@code null} when it
	 * sends everything
	 * @param fingerprint the fingerprint of the settings and every item
	 * @param beforeToolExchange the fingerprint of the settings and the items before the tool
	 * exchange the items end with, {@code null} when they end with none
	 */
	record Turn(CreateResponse request, CreateResponse full, @Nullable String chainKey, byte[] fingerprint,
			byte @Nullable [] beforeToolExchange) {

		boolean chained() {
			return this.chainKey != null;
		}

		@Nullable String previousResponseId() {
			return this.request.previousResponseId();
		}

	}

}
