package dev.responsesws.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The server-wide store of responses created with {@code store:true} (the API's default): any
 * connection, and HTTP, can continue them, at the price of processing the whole context again.
 */
final class ResponseStore {

	private final Map<String, List<JsonNode>> contexts = new ConcurrentHashMap<>();

	@Nullable List<JsonNode> contextOf(String id) {
		return this.contexts.get(id);
	}

	void put(String id, List<JsonNode> context) {
		this.contexts.put(id, List.copyOf(context));
	}

	void clear() {
		this.contexts.clear();
	}

}
