package dev.responsesws.client.internal.session;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.responsesws.client.session.ResponsesSession;

/**
 * The rules a base URL must follow, shared by {@link ResponsesSession.Builder} and the Spring
 * Boot configuration so that both refuse the same URLs.
 */
public final class BaseUrls {

	private BaseUrls() {
	}

	/**
	 * Parse a base URL and check it: an absolute {@code http}, {@code https}, {@code ws} or
	 * {@code wss} URL with a host.
	 * @param value the URL text
	 * @return the URL
	 * @throws IllegalArgumentException saying why it is not usable
	 */
	public static URI parse(String value) {
		try {
			return check(new URI(value.trim()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex.getReason(), ex);
		}
	}

	/**
	 * Check a base URL: an absolute {@code http}, {@code https}, {@code ws} or {@code wss} URL with
	 * a host.
	 * @param url the URL
	 * @return the URL
	 * @throws IllegalArgumentException saying why it is not usable
	 */
	public static URI check(URI url) {
		String scheme = url.getScheme();
		if (scheme == null || !scheme.toLowerCase(Locale.ROOT).matches("https?|wss?") || url.getHost() == null) {
			throw new IllegalArgumentException("it must be an absolute http(s) or ws(s) URL with a host");
		}
		return url;
	}

	/**
	 * Return whether requests to this URL would carry the key unencrypted across a network:
	 * {@code http} or {@code ws} to a host other than the loopback address.
	 * @param url a checked URL
	 * @return whether the URL is clear text to a remote host
	 */
	public static boolean isCleartextToRemoteHost(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		return (scheme.equals("http") || scheme.equals("ws")) && !isLoopback(url);
	}

	private static boolean isLoopback(URI url) {
		String host = url.getHost();
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
