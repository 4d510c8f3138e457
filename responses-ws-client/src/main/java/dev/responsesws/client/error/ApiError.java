package dev.responsesws.client.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The details of an {@code error} sent by the server.
 *
 * @param type the error type, for example {@code invalid_request_error}; {@code null} in the
 * flat SSE form, which has none
 * @param code the error code, for example {@code previous_response_not_found}
 * @param message the human-readable message
 * @param param the request parameter the error is about
 * @param headers the HTTP headers the same request would have had (rate-limit headers on a 429,
 * for instance); empty when none were sent
 */
public record ApiError(@Nullable String type, @Nullable String code, @Nullable String message, @Nullable String param,
		Map<String, String> headers) {

	/** The code of a turn whose {@code previous_response_id} is not in the connection's cache. */
	public static final String PREVIOUS_RESPONSE_NOT_FOUND = "previous_response_not_found";

	/** The code of a request refused because the connection reached its age limit. */
	public static final String CONNECTION_LIMIT_REACHED = "websocket_connection_limit_reached";

	/** The code of a request refused because the connection has too many lanes. */
	public static final String STREAM_LIMIT_REACHED = "websocket_stream_limit_reached";

	/** The code of a request whose {@code stream_id} is not valid. */
	public static final String INVALID_STREAM_ID = "invalid_stream_id";

	/**
	 * The code of a request with a parameter the server does not know, for example
	 * {@code stream_id} sent to a server without lanes.
	 */
	public static final String UNKNOWN_PARAMETER = "unknown_parameter";

	/**
	 * Create an error; the headers are copied, in their order.
	 * @param type the error type
	 * @param code the error code
	 * @param message the message
	 * @param param the parameter
	 * @param headers the headers
	 */
	public ApiError {
		headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
	}

}
