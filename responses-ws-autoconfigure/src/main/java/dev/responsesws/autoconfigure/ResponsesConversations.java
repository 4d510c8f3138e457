package dev.responsesws.autoconfigure;

import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.responsesws.client.conversation.Conversation;
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
