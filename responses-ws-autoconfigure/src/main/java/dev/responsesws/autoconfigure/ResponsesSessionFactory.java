package dev.responsesws.autoconfigure;

import java.net.URI;
import java.time.Duration;

import dev.responsesws.client.internal.session.BaseUrls;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionObserver;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import reactor.netty.http.client.HttpClient;

/**
 * Builds the session from {@link ResponsesWsProperties}, checking what cannot work first.
 */
final class ResponsesSessionFactory {

	static final String OPENAI_API_KEY = "OPENAI_API_KEY";

	private ResponsesSessionFactory() {
	}

	static ResponsesSession.Builder builder(ResponsesWsProperties properties, Duration grace, Environment environment,
			HttpClient httpClient, SessionObserver observer) {
		ResponsesWsPropertiesValidator.validate(properties);
		URI baseUrl = baseUrl(properties.getBaseUrl());
		String apiKey = StringUtils.hasText(properties.getApiKey()) ? properties.getApiKey() : fallbackKey(environment);
		if (!StringUtils.hasText(properties.getApiKey())) {
			ResponsesWsPropertiesValidator.validateFallbackKey(apiKey);
		}
		if (!StringUtils.hasText(apiKey) && "api.openai.com".equalsIgnoreCase(baseUrl.getHost())) {
			throw new ResponsesWsConfigurationException("No API key is configured for the OpenAI API at " + baseUrl + ".",
					"Set responses.ws.api-key (for example from a secret store) or the OPENAI_API_KEY environment "
							+ "variable, or point responses.ws.base-url at a server that needs no key.");
		}
		if (!properties.isAllowCleartext() && BaseUrls.isCleartextToRemoteHost(baseUrl)) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.base-url '" + baseUrl + "' is not encrypted and not on this machine: the API key "
							+ "would travel in clear text.",
					"Use https:// (or wss://), or set responses.ws.allow-cleartext=true if the network is trusted.");
		}
		ResponsesWsProperties.Connection connection = properties.getConnection();
		ResponsesWsProperties.Pool pool = properties.getPool();
		ResponsesSession.Builder builder = ResponsesSession.builder()
			.baseUrl(baseUrl)
			.apiKey(StringUtils.hasText(apiKey) ? apiKey : null)
			.apiKeyHeader(properties.getApiKeyHeader())
			.transport(properties.getTransport())
			.fallbackToHttp(properties.isFallbackToHttp())
			.connections(minConnections(properties), pool.getMaxConnections())
			.queue(pool.getMaxQueued(), pool.getAcquireTimeout())
			.lanes(properties.getLanes().getMode(), properties.getLanes().getMaxTurnsPerConnection())
			.maxConnectionAge(connection.getMaxAge())
			.maxFrameSize((int) Math.min(Integer.MAX_VALUE, connection.getMaxFrameSize().toBytes()))
			.compression(connection.isCompression())
			.connectTimeout(connection.getConnectTimeout())
			.idleTimeout(connection.getIdleTimeout())
			.pingInterval(connection.getPingInterval())
			.cancelPolicy(connection.getCancelPolicy())
			.reconnectBackoff(connection.getReconnectBackoff(), connection.getMaxReconnectBackoff())
			.closeGrace(grace)
			.allowCleartext(properties.isAllowCleartext())
			.httpClient(httpClient)
			.observer(observer);
		if (StringUtils.hasText(properties.getOrganization())) {
			builder.organization(properties.getOrganization());
		}
		if (StringUtils.hasText(properties.getProject())) {
			builder.project(properties.getProject());
		}
		Duration chainMaxDelay = pool.getChainMaxDelay();
		if (chainMaxDelay != null) {
			builder.chainContinuation(pool.getChainContinuation(), chainMaxDelay);
		}
		else {
			builder.chainContinuation(pool.getChainContinuation());
		}
		properties.getHeaders().forEach(builder::header);
		return builder;
	}

	/**
	 * Return the connections {@link ResponsesSession#connect()} opens: with
	 * {@code startup.connect} at least one, so that it connects (and checks the key) even when
	 * {@code pool.min-connections} is left at 0.
	 */
	static int minConnections(ResponsesWsProperties properties) {
		int configured = properties.getPool().getMinConnections();
		return properties.getStartup().isConnect() ? Math.max(1, configured) : configured;
	}

	private static @Nullable String fallbackKey(Environment environment) {
		try {
			return environment.getProperty(OPENAI_API_KEY);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponsesWsConfigurationException("The " + OPENAI_API_KEY + " property that responses.ws.api-key "
					+ "falls back to holds a placeholder that cannot be resolved: " + ex.getMessage() + ".",
					"Set the variable the placeholder names, or set responses.ws.api-key.", ex);
		}
	}

	private static URI baseUrl(String value) {
		try {
			return BaseUrls.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(value, ex.getMessage());
		}
	}

	private static ResponsesWsConfigurationException malformed(String value, String reason) {
		return new ResponsesWsConfigurationException("responses.ws.base-url '" + value + "' is malformed: " + reason + ".",
				"Set responses.ws.base-url to the API's base URL, for example https://api.openai.com/v1.");
	}

}
