package dev.responsesws.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * Starts a real {@code redis-server} (Debian's package, found on the {@code PATH} or in
 * {@code /usr/bin}) on a free port of the loopback address with a temporary directory and no
 * persistence, waits until it answers PING, and stops it after the test class. When
 * {@code redis-server} is missing the tests fail under CI (the environment variable {@code CI} is
 * set) and are skipped elsewhere, with a message that says how to install it.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private @Nullable Process process;

	private @Nullable Path directory;

	private int port;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Path executable = executable();
		if (executable == null) {
			String message = "redis-server is not installed (apt-get install redis-server): the tests that need a real "
					+ "Redis cannot run";
			if (System.getenv("CI") != null) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message + "; skipped since CI is not set");
		}
		this.directory = Files.createTempDirectory("responses-ws-redis");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		stop();
		Path directory = this.directory;
		if (directory != null) {
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	/**
	 * Return the port Redis listens on, the same after a restart.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Start Redis, on the same port and directory as before, and wait until it answers PING.
	 * @throws IOException if it cannot be started
	 */
	public void start() throws IOException {
		Path executable = executable();
		Path directory = this.directory;
		if (executable == null || directory == null) {
			throw new IllegalStateException("The extension did not start");
		}
		this.process = new ProcessBuilder(List.of(executable.toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		await("redis-server answers PING on port " + this.port).atMost(STARTUP)
			.pollInterval(Duration.ofMillis(20))
			.until(this::answersPing);
	}

	/**
	 * Stop Redis and wait until its process ended. Its data is saved first to the temporary
	 * directory, where {@link #start()} reads it again, as a Redis with persistence would keep
	 * it across a restart.
	 * @throws IOException if the data could not be saved
	 */
	public void stop() throws IOException {
		Process process = this.process;
		if (process != null) {
			String saved = command("SAVE");
			if (!saved.startsWith("+OK")) {
				throw new IOException("Redis did not save its data before stopping: " + saved);
			}
			process.destroy();
			try {
				if (!process.waitFor(STARTUP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
			}
			this.process = null;
		}
	}

	private boolean answersPing() {
		try {
			return command("PING").startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Send an inline command and return the first line of the reply. */
	private String command(String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
				line.append((char) b);
			}
			return line.toString().trim();
		}
	}

	private static @Nullable Path executable() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		Path system = Path.of("/usr/bin/redis-server");
		return Files.isExecutable(system) ? system : null;
	}

}
