package dev.responsesws.autoconfigure;

import java.net.URI;

import dev.responsesws.client.internal.session.BaseUrls;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link ResponsesWsConnectionDetails} read from {@code responses.ws.base-url} and
 * {@code responses.ws.api-key}, the key falling back to the {@code OPENAI_API_KEY} environment
 * variable.
 */
class PropertiesResponsesWsConnectionDetails implements ResponsesWsConnectionDetails {

	private final ResponsesWsProperties properties;

	private final Environment environment;

	PropertiesResponsesWsConnectionDetails(ResponsesWsProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * Return {@code responses.ws.base-url}, parsed.
	 * @throws ResponsesWsConfigurationException if the URL is malformed
	 */
	@Override
	public URI getBaseUrl() {
		String value = this.properties.getBaseUrl();
		try {
			return BaseUrls.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.base-url '" + value + "' is malformed: " + ex.getMessage() + ".",
					"Set responses.ws.base-url to the API's base URL, for example https://api.openai.com/v1.");
		}
	}

	/**
	 * Return {@code responses.ws.api-key}, or else the {@code OPENAI_API_KEY} property.
	 * @throws ResponsesWsConfigurationException if the fallback is an unresolved placeholder
	 */
	@Override
	public @Nullable String getApiKey() {
		String apiKey = this.properties.getApiKey();
		if (StringUtils.hasText(apiKey)) {
			return apiKey;
		}
		String fallback = fallbackKey();
		ResponsesWsPropertiesValidator.validateFallbackKey(fallback);
		return fallback;
	}

	private @Nullable String fallbackKey() {
		try {
			return this.environment.getProperty(ResponsesSessionFactory.OPENAI_API_KEY);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponsesWsConfigurationException("The " + ResponsesSessionFactory.OPENAI_API_KEY
					+ " property that responses.ws.api-key falls back to holds a placeholder that cannot be resolved: "
					+ ex.getMessage() + ".", "Set the variable the placeholder names, or set responses.ws.api-key.", ex);
		}
	}

	@Override
	public String toString() {
		return "PropertiesResponsesWsConnectionDetails[" + this.properties.getBaseUrl() + "]";
	}

}
