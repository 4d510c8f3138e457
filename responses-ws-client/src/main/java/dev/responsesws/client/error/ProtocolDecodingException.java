package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a protocol message (a server event, or a request read by the simulator) cannot be
 * decoded: it is not JSON, it is not a JSON object, it has no {@code type}, a field the library
 * reads has the wrong type, or it exceeds the decoder's size or nesting limits.
 *
 * <p>This is the only exception the decoders throw for bad input. The message names the
 * problem; {@link #excerpt()} holds the beginning of the offending input, truncated so that a
 * huge frame does not end up in a log line.
 */
public class ProtocolDecodingException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private static final int MAX_EXCERPT = 200;

	private final String excerpt;

	/**
	 * Create a new exception.
	 * @param message what is wrong with the input
	 * @param input the offending input, shortened to an excerpt
	 * @param cause the parser failure, if any
	 */
	public ProtocolDecodingException(String message, @Nullable CharSequence input, @Nullable Throwable cause) {
		super(message, cause);
		this.excerpt = excerptOf(input);
	}

	/**
	 * Return the beginning of the input that could not be decoded, at most 200 characters
	 * followed by an ellipsis when longer.
	 * @return the excerpt, empty when no input was available
	 */
	public String excerpt() {
		return this.excerpt;
	}

	private static String excerptOf(@Nullable CharSequence input) {
		if (input == null) {
			return "";
		}
		if (input.length() <= MAX_EXCERPT) {
			return input.toString();
		}
		return input.subSequence(0, MAX_EXCERPT) + "...";
	}

}
