package dev.responsesws.autoconfigure;

import dev.responsesws.autoconfigure.ResponsesWsProperties.Conversations.Store;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Picks the store of the conversations opened by id: the application's {@link ConversationStore}
 * bean (the Redis one, auto-configured with {@code responses.ws.conversations.store=redis}), or
 * this instance's memory. Asking for Redis without getting it stops the start-up with a report
 * that says what is missing, rather than keep conversations where other instances cannot see
 * them.
 */
final class ConversationStores {

	private ConversationStores() {
	}

	static ConversationStore of(Store configured, ObjectProvider<ConversationStore> stores) {
		ConversationStore store = stores.getIfUnique();
		if (store != null) {
			return store;
		}
		if (configured == Store.REDIS) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.conversations.store is redis, but no Redis conversation store was configured.",
					"Add the responses-ws-redis module and spring-boot-starter-data-redis-reactive (a "
							+ "ReactiveRedisConnectionFactory) to the application, or set "
							+ "responses.ws.conversations.store=memory.");
		}
		return new InMemoryConversationStore();
	}

}
