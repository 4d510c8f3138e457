package dev.responsesws.client.conversation;

import java.util.List;

/**
 * What a completed turn appends to its stored conversation.
 *
 * @param items the turn's items in order, each as JSON text: its new input items (user
 * messages, function call outputs) followed by every output item of its response
 * @param responseId the id of the turn's response, which the next turn continues
 * @param stored whether the response was created with {@code store:true}
 * @param instanceId the instance whose connection ran the turn
 */
public record CompletedTurn(List<String> items, String responseId, boolean stored, String instanceId) {

	/**
	 * Copy the items.
	 * @param items the items
	 * @param responseId the response id
	 * @param stored whether it was stored
	 * @param instanceId the instance
	 */
	public CompletedTurn {
		items = List.copyOf(items);
	}

	/**
	 * Return the size of the items.
	 * @return their length in bytes of UTF-8 JSON
	 */
	public long bytes() {
		long bytes = 0;
		for (String item : this.items) {
			bytes += TranscriptFormat.utf8Length(item);
		}
		return bytes;
	}

}
