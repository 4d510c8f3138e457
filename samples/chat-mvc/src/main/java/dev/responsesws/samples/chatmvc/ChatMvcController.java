package dev.responsesws.samples.chatmvc;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.conversation.SentTurn;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat API on the blocking conversation methods: {@code POST /api/ask} answers one question,
 * {@code POST /api/conversations} starts a conversation, {@code POST .../messages} answers a
 * message as JSON, and {@code GET .../stream} answers it as server-sent events ({@code delta}
 * with each piece of text, {@code done} at the end, {@code error} on failure). The handler
 * threads block on the turns: virtual threads on Java 21 and later
 * ({@code spring.threads.virtual.enabled}), the server's pool otherwise.
 */
@RestController
class ChatMvcController {

	/** The longest a turn may take, so that no request thread waits forever. */
	static final Duration TURN_TIMEOUT = Duration.ofMinutes(2);

	private static final int MAX_CONVERSATIONS = 1000;

	private final ResponsesConversations conversations;

	private final AsyncTaskExecutor executor;

	private final Map<String, Conversation> open = new ConcurrentHashMap<>();

	ChatMvcController(ResponsesConversations conversations,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.conversations = conversations;
		this.executor = executor;
	}

	@PostMapping("/api/ask")
	Map<String, String> ask(@RequestBody Question question) {
		return Map.of("answer", this.conversations.create().ask(question.text(), TURN_TIMEOUT));
	}

	@PostMapping("/api/conversations")
	Map<String, String> start() {
		if (this.open.size() >= MAX_CONVERSATIONS) {
			throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "Too many conversations");
		}
		String id = UUID.randomUUID().toString();
		this.open.put(id, this.conversations.create());
		return Map.of("id", id);
	}

	@PostMapping("/api/conversations/{id}/messages")
	Answer send(@PathVariable String id, @RequestBody Question question) {
		Conversation conversation = conversation(id);
		Response response = conversation.call(TURN_TIMEOUT, InputMessage.user(question.text()));
		SentTurn sent = conversation.lastSent();
		return new Answer(response.outputText(), sent != null && sent.chained());
	}

	@GetMapping(path = "/api/conversations/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String id, @RequestParam String text) {
		Conversation conversation = conversation(id);
		SseEmitter emitter = new SseEmitter(TURN_TIMEOUT.plusSeconds(10).toMillis());
		this.executor.execute(() -> streamAnswer(conversation, text, emitter));
		return emitter;
	}

	/** Runs on a task thread: reads the turn's events as the client takes them. */
	private static void streamAnswer(Conversation conversation, String text, SseEmitter emitter) {
		try (Stream<ResponseEvent> events = conversation.stream(TURN_TIMEOUT, InputMessage.user(text))) {
			Iterator<ResponseEvent> iterator = events.iterator();
			while (iterator.hasNext()) {
				if (iterator.next() instanceof OutputTextDeltaEvent delta) {
					// JSON keeps the leading spaces that a plain SSE data line would lose
					emitter.send(SseEmitter.event().name("delta").data(Map.of("text", delta.delta()),
							MediaType.APPLICATION_JSON));
				}
			}
			emitter.send(SseEmitter.event().name("done").data(Map.of(), MediaType.APPLICATION_JSON));
			emitter.complete();
		}
		catch (IOException ex) {
			// the client went away; closing the stream above abandoned the turn
			emitter.completeWithError(ex);
		}
		catch (RuntimeException ex) {
			try {
				emitter.send(SseEmitter.event().name("error").data(Map.of("message", String.valueOf(ex.getMessage())),
						MediaType.APPLICATION_JSON));
				emitter.complete();
			}
			catch (IOException gone) {
				emitter.completeWithError(gone);
			}
		}
	}

	@ExceptionHandler(ResponsesException.class)
	ResponseEntity<Map<String, String>> failed(ResponsesException ex) {
		HttpStatus status = (ex instanceof ResponsesTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT
				: HttpStatus.BAD_GATEWAY;
		return ResponseEntity.status(status).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private Conversation conversation(String id) {
		Conversation conversation = this.open.get(id);
		if (conversation == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such conversation");
		}
		return conversation;
	}

	/**
	 * A user's message.
	 * @param text the text
	 */
	record Question(String text) {
	}

	/**
	 * The model's answer.
	 * @param text the text
	 * @param chained whether the turn continued the conversation's chain, sending only the new
	 * message
	 */
	record Answer(String text, boolean chained) {
	}

}
