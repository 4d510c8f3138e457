package dev.responsesws.client.internal.transport;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;


/**
 * The settings of one WebSocket connection.
 *
 * @param url the WebSocket URL, for example {@code wss://api.openai.com/v1/responses}
 * @param headers the headers of the upgrade request, {@code Authorization} included
 * @param maxFrameSize the largest frame accepted, in bytes, after aggregation of fragments
 * @param compression whether to offer permessage-deflate
 * @param connectTimeout the limit for the TCP connect plus the upgrade
 * @param idleTimeout the longest wait for the next event of a turn whose subscriber is asking
 * for one; the turn then fails and the connection is closed
 * @param pingInterval the interval of keep-alive pings, {@link Duration#ZERO} for none
 * @param closeOnCancel whether a cancelled turn closes the connection (instead of draining the
 * rest of its response)
 */
public record ConnectionSettings(URI url, Map<String, String> headers, int maxFrameSize, boolean compression,
		Duration connectTimeout, Duration idleTimeout, Duration pingInterval, boolean closeOnCancel) {

	/**
	 * Create settings; the headers are copied.
	 * @param url the WebSocket URL
	 * @param headers the upgrade headers
	 * @param maxFrameSize the largest frame
	 * @param compression whether to offer compression
	 * @param connectTimeout the connect timeout
	 * @param idleTimeout the per-turn idle timeout
	 * @param pingInterval the ping interval
	 * @param closeOnCancel whether a cancelled turn closes the connection
	 */
	public ConnectionSettings {
		Objects.requireNonNull(url, "url");
		headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		if (maxFrameSize < 1024) {
			throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes");
		}
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(idleTimeout, "idleTimeout");
		if (pingInterval.isNegative()) {
			throw new IllegalArgumentException("pingInterval must not be negative");
		}
	}

	/**
	 * Return these settings with the headers' secret values masked, so they can be logged.
	 * @return a description without secrets
	 */
	@Override
	public String toString() {
		Map<String, String> masked = new LinkedHashMap<>();
		this.headers.forEach((name, value) -> masked.put(name, isSecret(name) ? "******" : value));
		return "ConnectionSettings[url=" + this.url + ", headers=" + masked + ", maxFrameSize=" + this.maxFrameSize
				+ ", compression=" + this.compression + ", connectTimeout=" + this.connectTimeout + ", idleTimeout="
				+ this.idleTimeout + ", pingInterval=" + this.pingInterval + ", closeOnCancel=" + this.closeOnCancel
				+ "]";
	}

	/**
	 * Return the values of the headers that hold secrets (the key), to keep them out of logs.
	 * @return the values
	 */
	public java.util.List<String> secretValues() {
		return secretValues(this.headers);
	}

	static java.util.List<String> secretValues(Map<String, String> headers) {
		java.util.List<String> values = new java.util.ArrayList<>();
		headers.forEach((name, value) -> {
			if (isSecret(name)) {
				values.add(value);
				if (value.startsWith("Bearer ")) {
					values.add(value.substring(7));
				}
			}
		});
		return values;
	}

	static boolean isSecret(String header) {
		String name = header.toLowerCase(java.util.Locale.ROOT);
		return name.equals("authorization") || name.equals("api-key") || name.contains("key")
				|| name.contains("token") || name.contains("secret");
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
