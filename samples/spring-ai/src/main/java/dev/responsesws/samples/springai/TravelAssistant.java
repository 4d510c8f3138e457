package dev.responsesws.samples.springai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * A travel assistant: one {@link ChatClient} with chat memory and {@link TravelTools}, on the
 * {@code responsesWsChatModel}. Spring AI sends the whole conversation every call; the model sends
 * only what is new.
 */
public class TravelAssistant {

	private final ChatClient chatClient;

	/**
	 * Create the assistant.
	 * @param chatClient the client, with memory and tools
	 */
	public TravelAssistant(ChatClient chatClient) {
		this.chatClient = chatClient;
	}

	/**
	 * Ask a question in a conversation.
	 * @param conversationId the conversation, whose earlier messages the chat memory adds
	 * @param question the question
	 * @return the answer
	 */
	public String ask(String conversationId, String question) {
		String answer = this.chatClient.prompt()
			.user(question)
			.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversationId))
			.call()
			.content();
		return (answer != null) ? answer : "";
	}

}
