package dev.responsesws.autoconfigure;

import java.util.Objects;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;

/**
 * Creates {@link Conversation}s on the application's session with the configured defaults
 * ({@code responses.ws.model}, {@code responses.ws.instructions}, {@code responses.ws.store}).
 */
public class ResponsesConversations {

	private final ResponsesSession session;

	private final CreateResponse defaults;

	/**
	 * Create a factory.
	 * @param session the session
	 * @param defaults the settings every conversation starts from
	 */
	public ResponsesConversations(ResponsesSession session, CreateResponse defaults) {
		this.session = Objects.requireNonNull(session);
		this.defaults = Objects.requireNonNull(defaults);
	}

	/**
	 * Start a conversation with the defaults.
	 * @return the conversation
	 */
	public Conversation create() {
		return Conversation.builder(this.session).settings(this.defaults).build();
	}

	/**
	 * Start a conversation with the defaults, changed by the given settings.
	 * @param customizer changes a copy of the defaults, for example to set the instructions
	 * @return the conversation
	 */
	public Conversation create(java.util.function.UnaryOperator<CreateResponse.Builder> customizer) {
		return Conversation.builder(this.session).settings(customizer.apply(this.defaults.toBuilder()).build()).build();
	}

	/**
	 * Continue a conversation exported with {@link Conversation#exportTranscript()}.
	 * @param exportedTranscript the exported JSON
	 * @return the conversation
	 */
	public Conversation restore(String exportedTranscript) {
		return Conversation.builder(this.session).settings(this.defaults).restore(exportedTranscript).build();
	}

	/**
	 * Return the settings conversations start from.
	 * @return the defaults
	 */
	public CreateResponse defaults() {
		return this.defaults;
	}

}
