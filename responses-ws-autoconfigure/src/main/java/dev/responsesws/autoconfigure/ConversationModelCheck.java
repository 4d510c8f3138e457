package dev.responsesws.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Stops the start-up when a bean takes a {@link ResponsesConversations} whose defaults have no
 * model, instead of letting the server refuse the first turn of every conversation it creates.
 * A factory reached later (through an {@code ObjectProvider}, for instance) refuses to create a
 * conversation without a model with the same report.
 */
final class ConversationModelCheck implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	ConversationModelCheck(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanNamesForType(ResponsesConversations.class, false, false)) {
			if (!this.beanFactory.containsSingleton(name)) {
				continue;
			}
			List<String> users = Arrays.asList(this.beanFactory.getDependentBeans(name));
			if (!users.isEmpty() && !this.beanFactory.getBean(name, ResponsesConversations.class).hasDefaultModel()) {
				throw new ResponsesWsConfigurationException("ResponsesConversations is used by " + users
						+ " but responses.ws.model is not set: the server would refuse the first turn of every "
						+ "conversation it creates (400 missing_required_parameter).",
						"Set responses.ws.model, for example responses.ws.model=gpt-5.1 (a conversation can still use "
								+ "another model with conversations.create((settings) -> settings.model(...))). For "
								+ "conversations with a model chosen per call and no default, build them with "
								+ "Conversation.builder(session) on the ResponsesSession bean.");
			}
		}
	}

}
