package dev.responsesws.client.conversation;

/**
 * What a turn of a conversation sent: whether it continued the chain, so that only its new
 * items went out, and how many bytes its request took.
 *
 * @param chained whether the request that ran carried {@code previous_response_id} and only
 * the new items; {@code false} when it sent the transcript
 * @param bytes the size of the turn's requests before compression: the request that ran, plus
 * a chained one the server refused with {@code previous_response_not_found} before it
 */
public record SentTurn(boolean chained, long bytes) {

}
