package dev.responsesws.autoconfigure;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Responses API is and how to authenticate to it. The session is built from the
 * {@code ResponsesWsConnectionDetails} bean: by default one read from {@code responses.ws.base-url}
 * and {@code responses.ws.api-key} (or the {@code OPENAI_API_KEY} environment variable); a bean of
 * this type defined by the application, by a test container or by the simulator's test support
 * ({@code @AutoConfigureMockResponsesServer}) takes their place.
 *
 * <p>The client derives both URLs it needs from the base URL: {@code https://host/v1} (or
 * {@code wss://host/v1}) gives the WebSocket URL {@code wss://host/v1/responses} and the HTTP
 * base URL {@code https://host/v1}; {@code http} and {@code ws} give their clear-text
 * counterparts.
 */
public interface ResponsesWsConnectionDetails extends ConnectionDetails {

	/**
	 * Return the base URL of the API, for example {@code https://api.openai.com/v1}.
	 * @return the base URL: an absolute {@code http}, {@code https}, {@code ws} or {@code wss} URL
	 */
	URI getBaseUrl();

	/**
	 * Return the API key.
	 * @return the key, or {@code null} for a server that needs none
	 */
	@Nullable String getApiKey();

	/**
	 * Create connection details with fixed values.
	 * @param baseUrl the base URL of the API
	 * @param apiKey the API key, or {@code null} for a server that needs none
	 * @return the connection details
	 */
	static ResponsesWsConnectionDetails of(URI baseUrl, @Nullable String apiKey) {
		Objects.requireNonNull(baseUrl, "baseUrl");
		return new ResponsesWsConnectionDetails() {

			@Override
			public URI getBaseUrl() {
				return baseUrl;
			}

			@Override
			public @Nullable String getApiKey() {
				return apiKey;
			}

			@Override
			public String toString() {
				return "ResponsesWsConnectionDetails[" + baseUrl + "]";
			}

		};
	}

}
