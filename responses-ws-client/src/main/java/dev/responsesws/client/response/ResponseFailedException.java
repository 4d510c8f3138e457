package dev.responsesws.client.response;

import dev.responsesws.client.error.ResponsesException;

/**
 * A response ended with {@code response.failed}; raised where a final response is expected
 * (a {@code Flux} of events delivers the failed event itself and completes).
 */
public class ResponseFailedException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	private final transient Response response;

	/**
	 * Create a new exception.
	 * @param response the failed response
	 */
	public ResponseFailedException(Response response) {
		super(describe(response), null);
		this.response = response;
	}

	/**
	 * Return the failed response.
	 * @return the response, with its {@link Response#error()}
	 */
	public Response response() {
		return this.response;
	}

	private static String describe(Response response) {
		ResponseError error = response.error();
		return "Response " + response.id() + " failed"
				+ ((error != null) ? ": " + error.code() + (error.message() != null ? " - " + error.message() : "")
						: "");
	}

}
