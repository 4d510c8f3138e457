package dev.responsesws.client.session;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import dev.responsesws.client.internal.transport.ConnectionSettings;
import reactor.netty.http.client.HttpClient;

/**
 * The validated settings of a session, made by {@link ResponsesSession.Builder}.
 */
record SessionConfig(URI baseUrl, Map<String, String> headers, TransportMode transport, boolean fallbackToHttp,
		int minConnections, int maxConnections, int maxQueued, Duration acquireTimeout, LaneMode laneMode,
		int maxTurnsPerConnection, Duration chainContinuation, Duration chainMaxDelay, Duration maxConnectionAge, int maxFrameSize, boolean compression,
		Duration connectTimeout, Duration idleTimeout, Duration pingInterval, CancelPolicy cancelPolicy,
		Duration reconnectBackoff, Duration maxReconnectBackoff, Duration closeGrace, HttpClient httpClient,
		SessionObserver observer) {

	URI webSocketUrl() {
		return URI.create(withScheme("wss", "ws") + "/responses");
	}

	URI httpBaseUrl() {
		return URI.create(withScheme("https", "http"));
	}

	/** The base URL without trailing slashes, its scheme swapped for the secure or plain one given. */
	private String withScheme(String secure, String plain) {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		String scheme = this.baseUrl.getScheme().toLowerCase(Locale.ROOT);
		boolean encrypted = scheme.equals("https") || scheme.equals("wss");
		return (encrypted ? secure : plain) + base.substring(scheme.length());
	}

	ConnectionSettings connectionSettings() {
		return new ConnectionSettings(webSocketUrl(), this.headers, this.maxFrameSize, this.compression,
				this.connectTimeout, this.idleTimeout, this.pingInterval, this.cancelPolicy == CancelPolicy.CLOSE);
	}

	/**
	 * Describe the settings without the headers' values, which hold the key.
	 */
	@Override
	public String toString() {
		return "SessionConfig[baseUrl=" + this.baseUrl + ", headers=" + this.headers.keySet() + ", transport="
				+ this.transport + ", connections=" + this.minConnections + ".." + this.maxConnections + ", lanes="
				+ this.laneMode + "]";
	}

}
