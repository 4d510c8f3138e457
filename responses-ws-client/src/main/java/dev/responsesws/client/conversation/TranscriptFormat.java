package dev.responsesws.client.conversation;

import java.util.List;

/**
 * The versioned JSON of a transcript, written by {@link Conversation#exportTranscript()}, read
 * by {@link Conversation.Builder#restore(String)} and kept by conversation stores:
 *
 * <pre>{@code
 * {"version":1,"last_response_id":"resp_...","items":[{"type":"message","role":"user",...},...]}
 * }</pre>
 *
 * {@code version} is the format's version, {@link #VERSION}; {@code last_response_id} is
 * optional (a store keeps it with the conversation's state instead); {@code items} holds every
 * input item sent and every output item received, in order, as the Responses API writes them.
 */
public final class TranscriptFormat {

	/** The version of the format. */
	public static final int VERSION = Transcript.FORMAT_VERSION;

	private TranscriptFormat() {
	}

	/**
	 * Write a transcript of items, without a last response id.
	 * @param items the items, each as JSON text
	 * @return the transcript's JSON
	 */
	public static String of(List<String> items) {
		StringBuilder json = new StringBuilder(64);
		json.append("{\"version\":").append(VERSION).append(",\"items\":[");
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append(items.get(i));
		}
		return json.append("]}").toString();
	}

	/**
	 * Return the length of a text in UTF-8, the unit of the transcript's size limit.
	 * @param text the text
	 * @return its length in bytes
	 */
	public static int utf8Length(String text) {
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
