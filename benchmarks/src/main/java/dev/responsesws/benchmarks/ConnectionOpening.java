package dev.responsesws.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * Opens connections the cheapest way a client can, to measure the floor of opening one: a JDK
 * socket with its TLS handshake and, for WebSocket, an upgrade request written and its
 * {@code 101} read by hand. What it takes includes the round trips and the server's share of the
 * work (its side of the handshake, the upgrade), which no client can avoid.
 */
final class ConnectionOpening {

	private static final byte[] END_OF_HEADERS = { '\r', '\n', '\r', '\n' };

	private final String host;

	private final int port;

	private final @Nullable SSLContext tls;

	/**
	 * Create an opener.
	 * @param host the host to connect to
	 * @param port the port
	 * @param tls the JDK TLS context trusting the server, or {@code null} for plain text
	 */
	ConnectionOpening(String host, int port, @Nullable SSLContext tls) {
		this.host = host;
		this.port = port;
		this.tls = tls;
	}

	/**
	 * Open and close connections one after the other and return the median time to open one.
	 * @param upgrade whether to upgrade each to WebSocket after the TLS handshake
	 * @param count how many to open
	 * @return the median in milliseconds
	 */
	double medianMillis(boolean upgrade, int count) {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			millis.add(openNanos(upgrade) / 1e6);
		}
		return Measure.percentile(millis, 50);
	}

	/**
	 * Open one connection, then close it.
	 * @param upgrade whether to upgrade it to WebSocket after the TLS handshake
	 * @return the nanoseconds from connecting to the end of the handshake or the upgrade
	 */
	long openNanos(boolean upgrade) {
		long start = System.nanoTime();
		try (Socket socket = connect()) {
			if (upgrade) {
				upgrade(socket);
			}
			return System.nanoTime() - start;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Socket connect() throws IOException {
		SSLContext context = this.tls;
		if (context == null) {
			Socket socket = new Socket(this.host, this.port);
			socket.setTcpNoDelay(true);
			return socket;
		}
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(this.host, this.port);
		socket.setTcpNoDelay(true);
		socket.startHandshake();
		return socket;
	}

	private void upgrade(Socket socket) throws IOException {
		String request = "GET /v1/responses HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\n"
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer sk-benchmark\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		InputStream in = new BufferedInputStream(socket.getInputStream());
		StringBuilder head = new StringBuilder();
		int matched = 0;
		while (matched < END_OF_HEADERS.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("The server closed the connection during the upgrade: " + head);
			}
			head.append((char) b);
			matched = (b == END_OF_HEADERS[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		if (!head.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("The server refused the upgrade: " + head);
		}
	}

}
