package dev.responsesws.springai;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The responses a model produced recently, each under the fingerprint of everything it holds:
 * the settings, the items it was produced from and its own output. Bounded: the entry used least
 * recently goes first. Thread-safe.
 */
final class ChainIndex {

	private final Map<String, String> responses;

	ChainIndex(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("The chain capacity must be at least 1, got " + capacity);
		}
		this.responses = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized @Nullable String responseId(String fingerprint) {
		return this.responses.get(fingerprint);
	}

	synchronized void put(String fingerprint, String responseId) {
		this.responses.put(fingerprint, responseId);
	}

	synchronized void remove(String fingerprint) {
		this.responses.remove(fingerprint);
	}

	synchronized int size() {
		return this.responses.size();
	}

}
