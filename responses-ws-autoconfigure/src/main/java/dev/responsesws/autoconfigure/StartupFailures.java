package dev.responsesws.autoconfigure;

import java.time.Duration;

import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;

/**
 * Turns a failure of the start-up connect, warm-up or probe into a
 * {@link ResponsesWsConfigurationException} that says what the server refused, or what could
 * not be reached, and which properties to check.
 */
final class StartupFailures {

	private static final String SKIP = " To start without checking the server, set responses.ws.startup.connect and "
			+ "responses.ws.startup.warmup to false.";

	private StartupFailures() {
	}

	/**
	 * Describe a failure of the start-up.
	 * @param failure what the connect, warm-up or probe failed with
	 * @param step what failed, such as "The start-up connect"
	 * @param properties the configuration
	 * @return the exception to fail the start-up with
	 */
	static ResponsesWsConfigurationException describe(Throwable failure, String step, ResponsesWsProperties properties) {
		Throwable cause = (failure instanceof ConnectBackoffException backoff && backoff.getCause() != null)
				? backoff.getCause() : failure;
		String baseUrl = properties.getBaseUrl();
		if (cause instanceof HandshakeRejectedException rejected) {
			return rejected(rejected.status(), rejected.getMessage(), step, baseUrl, cause);
		}
		if (cause instanceof ResponsesApiException api) {
			Integer status = api.status();
			if (status != null && (status == 401 || status == 403)) {
				return rejected(status, api.getMessage(), step, baseUrl, cause);
			}
			boolean model = "model".equals(api.error().param())
					|| (api.code() != null && api.code().contains("model"));
			return new ResponsesWsConfigurationException(step + " was refused by the server at " + baseUrl + ": "
					+ api.getMessage() + ".",
					(model ? "Set responses.ws.model to a model the server offers to this key."
							: "Check responses.ws.model, responses.ws.instructions and responses.ws.base-url against "
									+ "what the server accepts.") + SKIP,
					cause);
		}
		if (cause instanceof ResponsesTimeoutException timeout) {
			return timedOut(step + " did not finish: " + timeout.getMessage() + ".", cause);
		}
		if (cause instanceof TransportException) {
			return new ResponsesWsConfigurationException(step + " could not reach the server at " + baseUrl + ": "
					+ cause.getMessage() + ".",
					"Check responses.ws.base-url, and that this machine can reach that host (DNS, firewall, a proxy "
							+ "set with a ResponsesHttpClientCustomizer bean)." + SKIP,
					cause);
		}
		return new ResponsesWsConfigurationException(step + " failed: " + cause + ".",
				"Check responses.ws.base-url and responses.ws.api-key." + SKIP, cause);
	}

	/**
	 * Describe a start-up that did not finish within {@code responses.ws.startup.timeout}.
	 * @param step what did not finish
	 * @param timeout the start-up timeout
	 * @param baseUrl the configured base URL
	 * @return the exception to fail the start-up with
	 */
	static ResponsesWsConfigurationException timedOut(String step, Duration timeout, String baseUrl) {
		return timedOut(step + " did not finish within responses.ws.startup.timeout (" + ShutdownGrace.format(timeout)
				+ ") against " + baseUrl + ".", null);
	}

	private static ResponsesWsConfigurationException timedOut(String description, Throwable cause) {
		return new ResponsesWsConfigurationException(description,
				"Check responses.ws.base-url and that the server answers from this machine; on a slow network raise "
						+ "responses.ws.connection.connect-timeout or responses.ws.startup.timeout." + SKIP,
				cause);
	}

	private static ResponsesWsConfigurationException rejected(int status, String message, String step, String baseUrl,
			Throwable cause) {
		if (status == 401 || status == 403) {
			return new ResponsesWsConfigurationException(
					step + " failed: " + message + ".",
					"Check responses.ws.api-key (or the " + ResponsesSessionFactory.OPENAI_API_KEY
							+ " environment variable it falls back to): the server at " + baseUrl
							+ " does not accept it" + ((status == 403) ? " for this resource" : "")
							+ ". Check responses.ws.organization and responses.ws.project too if they are set, and "
							+ "responses.ws.api-key-header if the server expects the key in another header." + SKIP,
					cause);
		}
		if (status == 426) {
			return new ResponsesWsConfigurationException(step + " failed: " + message + ".",
					"Point responses.ws.base-url at a server with WebSocket mode, or set responses.ws.transport=http "
							+ "(or set responses.ws.fallback-to-http=true to switch to HTTP)." + SKIP,
					cause);
		}
		return new ResponsesWsConfigurationException(step + " failed: " + message + ".", "Check responses.ws.base-url (the WebSocket URL is derived from it: https://host/v1 becomes "
						+ "wss://host/v1/responses) and the server's limits." + SKIP,
				cause);
	}

}
