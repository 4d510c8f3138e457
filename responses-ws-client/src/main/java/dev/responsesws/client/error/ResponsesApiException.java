package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The server refused or aborted a request with an {@code error} (over WebSocket an error frame,
 * over HTTP an error status or a mid-stream error event).
 */
public class ResponsesApiException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Integer status;

	private final transient ApiError error;

	/**
	 * Create a new exception.
	 * @param status the HTTP status the request had or would have had over HTTP
	 * @param error the error details
	 */
	public ResponsesApiException(@Nullable Integer status, ApiError error) {
		super(describe(status, error), null);
		this.status = status;
		this.error = error;
	}

	/**
	 * Return the HTTP status.
	 * @return the status, or {@code null} when the server sent none
	 */
	public @Nullable Integer status() {
		return this.status;
	}

	/**
	 * Return the error details.
	 * @return the details
	 */
	public ApiError error() {
		return this.error;
	}

	/**
	 * Return the error code, for example {@code previous_response_not_found}.
	 * @return the code, or {@code null}
	 */
	public @Nullable String code() {
		return this.error.code();
	}

	private static String describe(@Nullable Integer status, ApiError error) {
		StringBuilder message = new StringBuilder("The server answered with an error");
		if (status != null) {
			message.append(" (status ").append(status).append(')');
		}
		if (error.code() != null) {
			message.append(", code '").append(error.code()).append('\'');
		}
		if (error.type() != null) {
			message.append(", type '").append(error.type()).append('\'');
		}
		if (error.param() != null) {
			message.append(", param '").append(error.param()).append('\'');
		}
		if (error.message() != null) {
			message.append(": ").append(error.message());
		}
		return message.toString();
	}

}
