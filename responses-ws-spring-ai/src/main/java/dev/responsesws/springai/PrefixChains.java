package dev.responsesws.springai;

import java.util.List;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.Tool;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ResponsesSession;
import org.jspecify.annotations.Nullable;

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

	PrefixChains(ResponsesSession session, int capacity) {
		this.session = session;
		this.index = new ChainIndex(capacity);
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
				return new Turn(chained, full, key, all);
			}
			this.index.remove(key);
			this.session.replayingChain(responseId);
			break;
		}
		return new Turn(full, full, null, all);
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
	 */
	record Turn(CreateResponse request, CreateResponse full, @Nullable String chainKey, byte[] fingerprint) {

		boolean chained() {
			return this.chainKey != null;
		}

		@Nullable String previousResponseId() {
			return this.request.previousResponseId();
		}

	}

}
