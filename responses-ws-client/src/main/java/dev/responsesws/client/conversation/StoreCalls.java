package dev.responsesws.client.conversation;

import java.time.Duration;
import java.util.function.Supplier;

import dev.responsesws.client.error.ConversationStoreException;
import dev.responsesws.client.error.ResponsesException;
import reactor.core.publisher.Mono;

/**
 * Calls a {@link ConversationStore} so that every operation ends within the store's timeout and
 * every failure is typed: a timeout or an untyped error becomes
 * {@link ConversationStoreException}, the store's typed errors (a conflict, a limit) go through.
 */
final class StoreCalls {

	private StoreCalls() {
	}

	static <T> Mono<T> guarded(ConversationStore store, String conversationId, String action,
			Supplier<Mono<T>> call) {
		Duration timeout = store.timeout();
		return Mono.defer(call)
			.timeout(timeout, Mono.error(() -> new ConversationStoreException(conversationId,
					"Could not " + action + " conversation '" + conversationId + "' within " + timeout, null)))
			.onErrorMap((error) -> !(error instanceof ResponsesException),
					(error) -> new ConversationStoreException(conversationId,
							"Could not " + action + " conversation '" + conversationId + "': " + error.getMessage(), error));
	}

}
