package dev.responsesws.client.session;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.responsesws.client.transport.CancelPolicy;
import dev.responsesws.client.transport.ConnectionSettings;
import reactor.netty.http.client.HttpClient;

/**
 * The validated settings of a session, made by {@link ResponsesSession.Builder}.
 */
record SessionConfig(URI baseUrl, Map<String, String> headers, TransportMode transport, boolean fallbackToHttp,
		int minConnections, int maxConnections, int maxQueued, Duration acquireTimeout, boolean lanes,
		int maxTurnsPerConnection, Duration maxConnectionAge, int maxFrameSize, boolean compression,
		Duration connectTimeout, Duration idleTimeout, Duration pingInterval, CancelPolicy cancelPolicy,
		Duration reconnectBackoff, Duration maxReconnectBackoff, Duration closeGrace, HttpClient httpClient,
		SessionObserver observer) {

	URI webSocketUrl() {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		String scheme = this.baseUrl.getScheme().toLowerCase(Locale.ROOT);
		String webSocketScheme = switch (scheme) {
			case "https", "wss" -> "wss";
			default -> "ws";
		};
		return URI.create(webSocketScheme + base.substring(scheme.length()) + "/responses");
	}

	URI httpBaseUrl() {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		String scheme = this.baseUrl.getScheme().toLowerCase(Locale.ROOT);
		String httpScheme = switch (scheme) {
			case "wss", "https" -> "https";
			default -> "http";
		};
		return URI.create(httpScheme + base.substring(scheme.length()));
	}

	ConnectionSettings connectionSettings() {
		return new ConnectionSettings(webSocketUrl(), this.headers, this.maxFrameSize, this.compression,
				this.connectTimeout, this.idleTimeout, this.pingInterval, this.cancelPolicy);
	}

	/**
	 * Describe the settings without the headers' values, which hold the key.
	 */
	@Override
	public String toString() {
		return "SessionConfig[baseUrl=" + this.baseUrl + ", headers=" + this.headers.keySet() + ", transport="
				+ this.transport + ", connections=" + this.minConnections + ".." + this.maxConnections + ", lanes="
				+ this.lanes + "]";
	}

	static boolean isCleartext(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals("http") || scheme.equals("ws");
	}

	static boolean isLoopback(URI url) {
		String host = url.getHost();
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
