package dev.responsesws.samples.chat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentOptions;
import dev.responsesws.client.conversation.AgentTool;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import dev.responsesws.client.conversation.SentTurn;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat API: a conversation per page, each message answered as a stream of server-sent
 * events ({@code delta} with text, {@code tool} for tool calls, {@code done} at the end with
 * what the answer cost: whether it continued the chain, the bytes sent and the time to the
 * first token; {@code error} on failure), and the messages of a conversation so far, which the
 * page shows when it is opened on a conversation.
 *
 * <p>By default a conversation lives in this instance's memory. When the conversation store is
 * shared ({@code responses.ws.conversations.store=redis}, the {@code redis} profile), every
 * message opens its conversation by id from the store with
 * {@link ResponsesConversations#open(String)}: any instance of the application answers any
 * conversation, since the id travels with each message.
 */
@RestController
class ChatController {

	private static final int MAX_CONVERSATIONS = 1000;

	private final ResponsesConversations conversations;

	private final Map<String, Conversation> open = new ConcurrentHashMap<>();

	/** Whether conversations live in a store that every instance reads, rather than in this one. */
	private final boolean shared;

	private final List<AgentTool> tools = List.of(AgentTool.of("current_time",
			"Returns the current date and time in a time zone.",
			"{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\",\"description\":\"an IANA time zone such as Europe/Paris\"}},\"required\":[\"zone\"]}",
			(arguments) -> currentTime(arguments.path("zone").asString("UTC"))));

	ChatController(ResponsesConversations conversations) {
		this.conversations = conversations;
		this.shared = !(conversations.store() instanceof InMemoryConversationStore);
	}

	@PostMapping("/api/conversations")
	Mono<Map<String, String>> start() {
		if (this.shared) {
			return Mono.just(Map.of("id", UUID.randomUUID().toString()));
		}
		if (this.open.size() >= MAX_CONVERSATIONS) {
			return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "Too many conversations"));
		}
		String id = UUID.randomUUID().toString();
		this.open.put(id, this.conversations.create());
		return Mono.just(Map.of("id", id));
	}

	@GetMapping(path = "/api/conversations/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> send(@PathVariable String id, @RequestParam String text) {
		Conversation conversation = conversation(id);
		if (conversation == null) {
			return Flux.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation"));
		}
		return Flux.defer(() -> {
			AnswerStats stats = new AnswerStats(System.nanoTime());
			return conversation.run(text, this.tools, AgentOptions.DEFAULTS.withMaxSteps(6))
				.concatMap((event) -> toBrowser(event, stats));
		}).onErrorResume((error) -> Flux.just(event("error", error.getMessage()))).timeout(Duration.ofMinutes(5));
	}

	/**
	 * The messages of a conversation so far, oldest first, each {@code {"role":..., "text":...}}
	 * for the user's messages and the assistant's answers (tool calls and their outputs left out).
	 */
	@GetMapping("/api/conversations/{id}")
	Mono<List<Map<String, String>>> messages(@PathVariable String id) {
		if (this.shared) {
			if (!isUuid(id)) {
				return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation"));
			}
			return this.conversations.store()
				.load(id)
				.map((stored) -> chatMessages(JsonMapper.shared().readTree(stored.transcript()).path("items")))
				.defaultIfEmpty(List.of())
				.timeout(Duration.ofSeconds(10));
		}
		Conversation conversation = this.open.get(id);
		if (conversation == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation"));
		}
		return Mono.fromSupplier(() -> chatMessages(conversation.transcript()));
	}

	private @Nullable Conversation conversation(String id) {
		if (this.shared) {
			return isUuid(id) ? this.conversations.open(id) : null;
		}
		return this.open.get(id);
	}

	private static boolean isUuid(String id) {
		try {
			return UUID.fromString(id).toString().equals(id);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<Map<String, String>> chatMessages(Iterable<JsonNode> items) {
		List<Map<String, String>> messages = new ArrayList<>();
		for (JsonNode item : items) {
			String role = item.path("role").asString("");
			if (!"message".equals(item.path("type").asString("message")) || !(role.equals("user") || role.equals("assistant"))) {
				continue;
			}
			JsonNode content = item.path("content");
			StringBuilder text = new StringBuilder();
			if (content.isString()) {
				text.append(content.asString());
			}
			else {
				content.forEach((part) -> text.append(part.path("text").asString("")));
			}
			messages.add(Map.of("role", role, "text", text.toString()));
		}
		return messages;
	}

	private static Flux<ServerSentEvent<String>> toBrowser(AgentEvent event, AnswerStats stats) {
		if (event instanceof AgentEvent.Model model && model.event() instanceof OutputTextDeltaEvent delta) {
			stats.firstToken();
			return Flux.just(event("delta", json("text", delta.delta())));
		}
		if (event instanceof AgentEvent.StepFinished step) {
			stats.stepSent(step.step(), step.sent());
			return Flux.empty();
		}
		if (event instanceof AgentEvent.ToolCallFinished call) {
			ObjectNode tool = JsonMapper.shared().createObjectNode();
			tool.put("name", call.call().name());
			tool.put("arguments", call.call().arguments());
			tool.put("output", call.output());
			return Flux.just(event("tool", tool.toString()));
		}
		if (event instanceof AgentEvent.Finished finished) {
			ObjectNode done = JsonMapper.shared().createObjectNode();
			done.put("answer", finished.result().answer());
			done.put("chained", stats.chained);
			done.put("bytesSent", stats.bytesSent);
			done.put("firstTokenMillis", stats.firstTokenMillis);
			return Flux.just(event("done", done.toString()));
		}
		return Flux.empty();
	}

	private static String json(String name, String value) {
		ObjectNode node = JsonMapper.shared().createObjectNode();
		node.put(name, value);
		return node.toString();
	}

	private static ServerSentEvent<String> event(String name, String data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	/**
	 * What one answer cost: whether its first model turn continued the conversation's chain, the
	 * bytes of the requests of all its model turns, and the time to its first token.
	 */
	private static final class AnswerStats {

		private final long startNanos;

		boolean chained;

		long bytesSent;

		long firstTokenMillis = -1;

		AnswerStats(long startNanos) {
			this.startNanos = startNanos;
		}

		void firstToken() {
			if (this.firstTokenMillis < 0) {
				this.firstTokenMillis = Duration.ofNanos(System.nanoTime() - this.startNanos).toMillis();
			}
		}

		void stepSent(int step, SentTurn sent) {
			if (step == 1) {
				this.chained = sent.chained();
			}
			this.bytesSent += sent.bytes();
		}

	}

	static String currentTime(String zone) {
		try {
			return ZonedDateTime.now(ZoneId.of(zone)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
		catch (java.time.DateTimeException ex) {
			return "{\"error\":\"unknown time zone '" + zone + "'\"}";
		}
	}

}
