package dev.responsesws.test.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A blocking echo server for proxy tests; a connection that sends "STREAM n\n" gets n bytes.
 */
final class EchoServer implements AutoCloseable {

	private final ServerSocket socket;

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "echo-server");
		thread.setDaemon(true);
		return thread;
	});

	EchoServer() throws IOException {
		this.socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			byte[] buffer = new byte[16 * 1024];
			int read = in.read(buffer);
			if (read > 7 && new String(buffer, 0, 7, java.nio.charset.StandardCharsets.US_ASCII).equals("STREAM ")) {
				long count = Long.parseLong(new String(buffer, 7, read - 8, java.nio.charset.StandardCharsets.US_ASCII));
				byte[] chunk = new byte[8192];
				java.util.Arrays.fill(chunk, (byte) 'x');
				for (long sent = 0; sent < count; sent += chunk.length) {
					out.write(chunk, 0, (int) Math.min(chunk.length, count - sent));
				}
				out.flush();
				return;
			}
			while (read >= 0) {
				out.write(buffer, 0, read);
				out.flush();
				read = in.read(buffer);
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.threads.shutdownNow();
	}

}
