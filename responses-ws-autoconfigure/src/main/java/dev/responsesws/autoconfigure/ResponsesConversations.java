package dev.responsesws.autoconfigure;

import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.responsesws.client.conversation.Conversation;
import dev.responsesws.client.conversation.ConversationStore;
import dev.responsesws.client.conversation.InMemoryConversationStore;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.ResponsesSession;

/**
 * Creates {@link Conversation}s on the application's session with the configured defaults
 * ({@code responses.ws.model}, {@code responses.ws.instructions}, {@code responses.ws.store}).
 *
 * <p>Every conversation needs a model: the defaults' one, or one set per call with
 * {@link #create(UnaryOperator)}. A conversation that would have none is refused when it is
 * created, with a {@link ResponsesWsConfigurationException} that says to set
 * {@code responses.ws.model}, rather than by the server at its first turn; and an application
 * whose beans take the auto-configured factory while no model is configured does not start.
 *
 * <p>{@link #open(String)} continues a conversation by its id from the
 * {@link ConversationStore} ({@code responses.ws.conversations.store}): in this instance's memory
 * by default, in Redis with the {@code responses-ws-redis} module, where every instance of the
 * application continues it.
 */
public class ResponsesConversations {

	private final ResponsesSession session;

	private final CreateResponse defaults;

	private final ConversationStore store;

	/**
	 * Create a factory whose conversations opened by id live in this JVM's memory.
	 * @param session the session
	 * @param defaults the settings every conversation starts from
	 */
	public ResponsesConversations(ResponsesSession session, CreateResponse defaults) {
		this(session, defaults, new InMemoryConversationStore());
	}

	/**
	 * Create a factory.
	 * @param session the session
	 * @param defaults the settings every conversation starts from
	 * @param store where conversations opened by id live
	 */
	public ResponsesConversations(ResponsesSession session, CreateResponse defaults, ConversationStore store) {
		this.session = Objects.requireNonNull(session);
		this.defaults = Objects.requireNonNull(defaults);
		this.store = Objects.requireNonNull(store);
	}

	/**
	 * Open a conversation by its id in the conversation store, with the defaults: a new id
	 * starts a conversation, a known one continues it, on whichever instance last ran it. Each
	 * turn reads the stored conversation before it is sent and appends its items once it
	 * completed; see {@link ConversationStore}.
	 * @param conversationId the conversation's id, for example the application's chat id
	 * @return the conversation
	 */
	public Conversation open(String conversationId) {
		return Conversation.builder(this.session).settings(withModel(this.defaults)).store(this.store, conversationId).build();
	}

	/**
	 * Open a conversation by its id in the conversation store, with the defaults changed by the
	 * given settings.
	 * @param conversationId the conversation's id
	 * @param customizer changes a copy of the defaults
	 * @return the conversation
	 * @see #open(String)
	 */
	public Conversation open(String conversationId, UnaryOperator<CreateResponse.Builder> customizer) {
		return Conversation.builder(this.session)
			.settings(withModel(customizer.apply(this.defaults.toBuilder()).build()))
			.store(this.store, conversationId)
			.build();
	}

	/**
	 * Return the store of the conversations opened by id.
	 * @return the store
	 */
	public ConversationStore store() {
		return this.store;
	}

	/**
	 * Start a conversation with the defaults.
	 * @return the conversation
	 */
	public Conversation create() {
		return Conversation.builder(this.session).settings(withModel(this.defaults)).build();
	}

	/**
	 * Start a conversation with the defaults, changed by the given settings.
	 * @param customizer changes a copy of the defaults, for example to set the instructions or
	 * the model
	 * @return the conversation
	 */
	public Conversation create(UnaryOperator<CreateResponse.Builder> customizer) {
		return Conversation.builder(this.session)
			.settings(withModel(customizer.apply(this.defaults.toBuilder()).build()))
			.build();
	}

	/**
	 * Continue a conversation exported with {@link Conversation#exportTranscript()}.
	 * @param exportedTranscript the exported JSON
	 * @return the conversation
	 */
	public Conversation restore(String exportedTranscript) {
		return Conversation.builder(this.session).settings(withModel(this.defaults)).restore(exportedTranscript).build();
	}

	/**
	 * Return the settings conversations start from.
	 * @return the defaults
	 */
	public CreateResponse defaults() {
		return this.defaults;
	}

	/**
	 * Return whether the defaults name a model, so that {@link #create()} works.
	 * @return whether a model is configured
	 */
	public boolean hasDefaultModel() {
		return hasModel(this.defaults);
	}

	private static CreateResponse withModel(CreateResponse settings) {
		if (!hasModel(settings)) {
			throw new ResponsesWsConfigurationException(
					"The conversation has no model: responses.ws.model is not set and none was given for it, so the "
							+ "server would refuse its first turn (400 missing_required_parameter).",
					"Set responses.ws.model (for example responses.ws.model=gpt-5.1), or give the model per call with "
							+ "create((settings) -> settings.model(...)).");
		}
		return settings;
	}

	private static boolean hasModel(CreateResponse settings) {
		String model = settings.model();
		return model != null && !model.isBlank();
	}

}
