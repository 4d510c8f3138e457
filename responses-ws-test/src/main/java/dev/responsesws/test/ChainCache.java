package dev.responsesws.test;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The in-memory state of one lane of a connection: the last response and its whole context
 * (every input and output item of the chain). Only that response can be continued from memory.
 */
final class ChainCache {

	private @Nullable String responseId;

	private List<JsonNode> context = List.of();

	synchronized @Nullable List<JsonNode> contextOf(String id) {
		return id.equals(this.responseId) ? this.context : null;
	}

	synchronized void remember(String id, List<JsonNode> context) {
		this.responseId = id;
		this.context = List.copyOf(context);
	}

	synchronized void evict(@Nullable String id) {
		if (id != null && id.equals(this.responseId)) {
			evictAll();
		}
	}

	synchronized void evictAll() {
		this.responseId = null;
		this.context = List.of();
	}

}
