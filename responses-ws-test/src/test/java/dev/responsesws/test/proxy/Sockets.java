package dev.responsesws.test.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.responsesws.test.proxy.LoopbackServer.Ending;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocking socket helpers for the proxy tests; every read is bounded by a timeout.
 */
final class Sockets {

	static final int READ_TIMEOUT_MILLIS = 10_000;

	private Sockets() {
	}

	static Socket connect(NetworkProxy proxy) throws IOException {
		Socket socket = new Socket(proxy.host(), proxy.port());
		socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		return socket;
	}

	/** Send a text and read it back from an echo server. */
	static void roundTrip(Socket socket, String text) throws IOException {
		write(socket, text);
		assertThat(readText(socket, text.length())).isEqualTo(text);
	}

	static void write(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	static String readText(Socket socket, int length) throws IOException {
		return new String(readFully(socket, length), StandardCharsets.US_ASCII);
	}

	static byte[] readFully(Socket socket, int length) throws IOException {
		byte[] bytes = socket.getInputStream().readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("got " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

	/**
	 * Write in the background, so that a large payload can be read back at the same time.
	 * @return the completion of the write
	 */
	static CompletableFuture<Void> writeInBackground(Socket socket, byte[] payload) {
		CompletableFuture<Void> written = new CompletableFuture<>();
		Thread writer = new Thread(() -> {
			try {
				socket.getOutputStream().write(payload);
				written.complete(null);
			}
			catch (IOException ex) {
				written.completeExceptionally(ex);
			}
		}, "proxy-test-writer");
		writer.setDaemon(true);
		writer.start();
		return written;
	}

	static void await(CompletableFuture<?> future) throws Exception {
		try {
			future.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (Exception) ex.getCause();
		}
	}

	/**
	 * Read until the connection ends, counting the bytes; a read timeout, which is not a
	 * {@link SocketException}, propagates and fails the test.
	 * @param counted receives the number of bytes read before the end
	 * @return how the connection ended
	 */
	static Ending readToEnd(Socket socket, long[] counted) throws IOException {
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[16 * 1024];
		try {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				counted[0] += read;
			}
			return Ending.EOF;
		}
		catch (SocketException ex) {
			return Ending.RESET;
		}
	}

	static Ending readToEnd(Socket socket) throws IOException {
		return readToEnd(socket, new long[1]);
	}

	/** Assert that nothing arrives within a short wait. */
	static void assertNothingArrives(Socket socket) throws IOException {
		socket.setSoTimeout(300);
		try {
			int read = socket.getInputStream().read();
			throw new AssertionError("expected nothing, read " + read);
		}
		catch (SocketTimeoutException expected) {
			// nothing arrived, as it should
		}
		finally {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		}
	}

	static void awaitNoConnections(NetworkProxy proxy) {
		Awaitility.await("the proxy's connections close").atMost(Duration.ofSeconds(10))
			.until(() -> proxy.openConnections() == 0);
	}

}
