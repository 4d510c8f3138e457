package dev.responsesws.test.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A blocking server on a loopback port for the proxy tests, serving each connection on its own
 * daemon thread: either echoing what it reads, or sending a fixed stream of bytes and closing.
 * It records how each connection ended.
 */
final class LoopbackServer implements AutoCloseable {

	private final ServerSocket socket;

	private final int streamLength;

	private final AtomicInteger accepted = new AtomicInteger();

	private final BlockingQueue<Ending> endings = new LinkedBlockingQueue<>();

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "loopback-server");
		thread.setDaemon(true);
		return thread;
	});

	private LoopbackServer(int streamLength) throws IOException {
		this.streamLength = streamLength;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/**
	 * Start a server that echoes every connection until the client closes it.
	 * @return the server
	 */
	static LoopbackServer echo() throws IOException {
		return new LoopbackServer(-1);
	}

	/**
	 * Start a server that sends {@code length} bytes of {@link #streamByte(long)} on each
	 * connection, then closes it.
	 * @param length the bytes per connection
	 * @return the server
	 */
	static LoopbackServer sending(int length) throws IOException {
		return new LoopbackServer(length);
	}

	/**
	 * The byte at a position of a sent stream; the period of 251 makes a lost, repeated or
	 * reordered chunk show.
	 */
	static byte streamByte(long position) {
		return (byte) (position % 251);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	int accepted() {
		return this.accepted.get();
	}

	/**
	 * Wait for the next connection to end.
	 * @return how it ended, or {@code null} if none did within 10 seconds
	 */
	@Nullable Ending nextEnding() throws InterruptedException {
		return this.endings.poll(10, TimeUnit.SECONDS);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.accepted.incrementAndGet();
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			if (this.streamLength >= 0) {
				send(out);
				this.endings.add(Ending.EOF);
				return;
			}
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
			}
			this.endings.add(Ending.EOF);
		}
		catch (SocketException ex) {
			this.endings.add(Ending.RESET);
		}
		catch (IOException ex) {
			this.endings.add(Ending.FAILED);
		}
	}

	private void send(OutputStream out) throws IOException {
		byte[] chunk = new byte[8192];
		for (int sent = 0; sent < this.streamLength; sent += chunk.length) {
			int length = Math.min(chunk.length, this.streamLength - sent);
			for (int i = 0; i < length; i++) {
				chunk[i] = streamByte(sent + i);
			}
			out.write(chunk, 0, length);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.threads.shutdownNow();
	}

	/**
	 * How a connection ended.
	 */
	enum Ending {

		/** An orderly close. */
		EOF,

		/** A reset, or a socket error of the kind a reset causes. */
		RESET,

		/** Another I/O error. */
		FAILED

	}

}
