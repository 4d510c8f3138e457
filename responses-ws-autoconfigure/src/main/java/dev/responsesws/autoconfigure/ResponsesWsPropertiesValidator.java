package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.responsesws.client.session.ResponsesSessionDefaults;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link ResponsesWsProperties} before a session is built from them, so that a value the
 * session builder would refuse, or a placeholder left unresolved, stops the start-up with a
 * report that names the property and says what it accepts, instead of a stack trace.
 */
final class ResponsesWsPropertiesValidator {

	private static final String PREFIX = "responses.ws.";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}");

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/** The largest frame the client can take: its buffers are indexed by {@code int}. */
	static final DataSize MAX_FRAME_SIZE_LIMIT = DataSize.ofBytes(Integer.MAX_VALUE);

	static final DataSize MIN_FRAME_SIZE = DataSize.ofKilobytes(1);

	static final int MAX_TURNS_PER_CONNECTION_LIMIT = 16;

	private ResponsesWsPropertiesValidator() {
	}

	/**
	 * Check the properties.
	 * @param properties the bound properties
	 * @throws ResponsesWsConfigurationException naming the first property that cannot work
	 */
	static void validate(ResponsesWsProperties properties) {
		placeholders(properties);
		headers(properties);
		pool(properties.getPool());
		lanes(properties.getLanes());
		connection(properties.getConnection());
		positive("startup.timeout", properties.getStartup().getTimeout(), "30s");
		notNegative("health.probe-ttl", properties.getHealth().getProbeTtl(), "30s");
	}

	/**
	 * Check the key taken from the {@code OPENAI_API_KEY} fallback, which may be a placeholder
	 * too.
	 * @param apiKey the key of the fallback
	 */
	static void validateFallbackKey(@Nullable String apiKey) {
		String placeholder = placeholder(apiKey);
		if (placeholder != null) {
			throw new ResponsesWsConfigurationException("The " + ResponsesSessionFactory.OPENAI_API_KEY
					+ " property that responses.ws.api-key falls back to is '" + placeholder
					+ "', a placeholder that was not resolved: it would be sent as the API key.",
					"Set the " + name(placeholder) + " environment variable, or set responses.ws.api-key.");
		}
	}

	private static void placeholders(ResponsesWsProperties properties) {
		String key = placeholder(properties.getApiKey());
		if (key != null) {
			throw new ResponsesWsConfigurationException("responses.ws.api-key is '" + key
					+ "', a placeholder that was not resolved because " + name(key)
					+ " is not set: it would be sent as the API key.",
					"Set the " + name(key) + " environment variable, or give the placeholder an empty default, '${"
							+ name(key) + ":}', so that when the variable is not set the key falls back to the "
							+ ResponsesSessionFactory.OPENAI_API_KEY + " environment variable (leaving "
							+ "responses.ws.api-key out does the same), and a missing key is reported as such.");
		}
		unresolved("base-url", properties.getBaseUrl());
		unresolved("api-key-header", properties.getApiKeyHeader());
		unresolved("model", properties.getModel());
		unresolved("organization", properties.getOrganization());
		unresolved("project", properties.getProject());
		properties.getHeaders().forEach((name, value) -> unresolved("headers." + name, value));
	}

	private static void unresolved(String key, @Nullable String value) {
		String placeholder = placeholder(value);
		if (placeholder != null) {
			throw new ResponsesWsConfigurationException(PREFIX + key + " holds '" + placeholder
					+ "', a placeholder that was not resolved because " + name(placeholder)
					+ " is not set: it would be used as it is.",
					"Set the " + name(placeholder) + " environment variable or property, or give the placeholder a "
							+ "default, '${" + name(placeholder) + ":default}'.");
		}
	}

	private static @Nullable String placeholder(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

	private static String name(String placeholder) {
		Matcher matcher = PLACEHOLDER.matcher(placeholder);
		return matcher.find() ? matcher.group(1) : placeholder;
	}

	private static void headers(ResponsesWsProperties properties) {
		if (!HEADER_NAME.matcher(properties.getApiKeyHeader()).matches()) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.api-key-header '" + properties.getApiKeyHeader() + "' is not a valid header name.",
					"Set responses.ws.api-key-header to a header name made of letters, digits and !#$%&'*+.^_`|~-, "
							+ "such as Authorization (the default, which sends 'Bearer KEY') or api-key.");
		}
		if (hasLineBreak(properties.getApiKey())) {
			throw new ResponsesWsConfigurationException("responses.ws.api-key contains a line break (CR or LF).",
					"Remove the line break from responses.ws.api-key; a key read from a file often ends with one.");
		}
		noLineBreak("organization", properties.getOrganization());
		noLineBreak("project", properties.getProject());
		for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
			if (!HEADER_NAME.matcher(header.getKey()).matches()) {
				throw new ResponsesWsConfigurationException(
						"responses.ws.headers has '" + header.getKey() + "', which is not a valid header name.",
						"Use header names made of letters, digits and !#$%&'*+.^_`|~- in responses.ws.headers.");
			}
			noLineBreak("headers." + header.getKey(), header.getValue());
		}
	}

	private static void noLineBreak(String key, @Nullable String value) {
		if (hasLineBreak(value)) {
			throw new ResponsesWsConfigurationException(PREFIX + key + " contains a line break (CR or LF).",
					"Remove the line break from " + PREFIX + key + ": a header value cannot hold one.");
		}
	}

	private static boolean hasLineBreak(@Nullable String value) {
		return value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0);
	}

	private static void pool(ResponsesWsProperties.Pool pool) {
		between("pool.max-connections", pool.getMaxConnections(), 1, Integer.MAX_VALUE,
				String.valueOf(ResponsesSessionDefaults.MAX_CONNECTIONS));
		if (pool.getMinConnections() < 0 || pool.getMinConnections() > pool.getMaxConnections()) {
			throw outOfRange("pool.min-connections", String.valueOf(pool.getMinConnections()),
					"between 0 and responses.ws.pool.max-connections (" + pool.getMaxConnections() + ")",
					String.valueOf(ResponsesSessionDefaults.MIN_CONNECTIONS));
		}
		between("pool.max-queued", pool.getMaxQueued(), 0, Integer.MAX_VALUE,
				String.valueOf(ResponsesSessionDefaults.MAX_QUEUED));
		positive("pool.acquire-timeout", pool.getAcquireTimeout(),
				ShutdownGrace.format(ResponsesSessionDefaults.ACQUIRE_TIMEOUT));
		notNegative("pool.chain-continuation", pool.getChainContinuation(),
				ShutdownGrace.format(ResponsesSessionDefaults.CHAIN_CONTINUATION));
		Duration maxDelay = pool.getChainMaxDelay();
		if (maxDelay != null && (maxDelay.isNegative() || maxDelay.isZero()
				|| maxDelay.compareTo(pool.getAcquireTimeout()) >= 0)) {
			throw outOfRange("pool.chain-max-delay", ShutdownGrace.format(maxDelay),
					"longer than 0 and shorter than responses.ws.pool.acquire-timeout ("
							+ ShutdownGrace.format(pool.getAcquireTimeout()) + ")",
					"5s, or half the acquire timeout when that is 5s or less");
		}
	}

	private static void lanes(ResponsesWsProperties.Lanes lanes) {
		between("lanes.max-turns-per-connection", lanes.getMaxTurnsPerConnection(), 1, MAX_TURNS_PER_CONNECTION_LIMIT,
				String.valueOf(ResponsesSessionDefaults.MAX_TURNS_PER_CONNECTION));
	}

	private static void connection(ResponsesWsProperties.Connection connection) {
		DataSize frame = connection.getMaxFrameSize();
		if (frame.compareTo(MIN_FRAME_SIZE) < 0 || frame.compareTo(MAX_FRAME_SIZE_LIMIT) > 0) {
			throw outOfRange("connection.max-frame-size", frame.toString(),
					"between 1KB and " + MAX_FRAME_SIZE_LIMIT.toBytes() + "B", "16MB");
		}
		positive("connection.connect-timeout", connection.getConnectTimeout(),
				ShutdownGrace.format(ResponsesSessionDefaults.CONNECT_TIMEOUT));
		positive("connection.idle-timeout", connection.getIdleTimeout(),
				ShutdownGrace.format(ResponsesSessionDefaults.IDLE_TIMEOUT));
		notNegative("connection.ping-interval", connection.getPingInterval(),
				ShutdownGrace.format(ResponsesSessionDefaults.PING_INTERVAL));
		positive("connection.max-age", connection.getMaxAge(),
				ShutdownGrace.format(ResponsesSessionDefaults.MAX_CONNECTION_AGE));
		positive("connection.reconnect-backoff", connection.getReconnectBackoff(),
				ShutdownGrace.format(ResponsesSessionDefaults.RECONNECT_BACKOFF));
		Duration max = connection.getMaxReconnectBackoff();
		if (max.compareTo(connection.getReconnectBackoff()) < 0) {
			throw outOfRange("connection.max-reconnect-backoff", ShutdownGrace.format(max),
					"at least responses.ws.connection.reconnect-backoff ("
							+ ShutdownGrace.format(connection.getReconnectBackoff()) + ")",
					ShutdownGrace.format(ResponsesSessionDefaults.MAX_RECONNECT_BACKOFF));
		}
	}

	private static void between(String key, int value, int min, int max, String defaultValue) {
		if (value < min || value > max) {
			throw outOfRange(key, String.valueOf(value),
					(max == Integer.MAX_VALUE) ? "at least " + min : "between " + min + " and " + max, defaultValue);
		}
	}

	private static void positive(String key, Duration value, String defaultValue) {
		if (value.isNegative() || value.isZero()) {
			throw outOfRange(key, ShutdownGrace.format(value), "longer than 0", defaultValue);
		}
	}

	private static void notNegative(String key, Duration value, String defaultValue) {
		if (value.isNegative()) {
			throw outOfRange(key, ShutdownGrace.format(value), "0 or longer", defaultValue);
		}
	}

	private static ResponsesWsConfigurationException outOfRange(String key, String value, String range,
			String defaultValue) {
		return new ResponsesWsConfigurationException(PREFIX + key + "=" + value + " is out of range: it must be "
				+ range + ".", "Set " + PREFIX + key + " to a value " + range + ", or remove it to use the default ("
						+ defaultValue + ").");
	}

}
