package dev.responsesws.client.conversation;

/**
 * A stored conversation: its state and its transcript.
 *
 * @param state the state
 * @param transcript the transcript in the versioned JSON of {@link TranscriptFormat}, which
 * {@link Conversation.Builder#restore(String)} also reads
 */
public record StoredConversation(ConversationState state, String transcript) {

}
