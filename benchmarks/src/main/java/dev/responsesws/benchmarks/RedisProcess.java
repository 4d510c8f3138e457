package dev.responsesws.benchmarks;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code redis-server} from the {@code PATH} on a free loopback port, without persistence, in
 * a temporary directory, for part I; {@link #close()} stops it and removes the directory.
 */
final class RedisProcess implements AutoCloseable {

	private static final long STARTUP_MILLIS = 20_000;

	private final Process process;

	private final Path directory;

	private final int port;

	private RedisProcess(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Start {@code redis-server} and wait until it answers PING.
	 * @return the running server
	 * @throws IOException if it is not on the {@code PATH} or does not start in time
	 */
	static RedisProcess start() throws IOException {
		String executable = executable();
		Path directory = Files.createTempDirectory("benchmark-redis");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", directory.toString()))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		RedisProcess redis = new RedisProcess(process, directory, port);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_MILLIS);
		while (!redis.answersPing()) {
			if (System.nanoTime() > deadline || !process.isAlive()) {
				redis.close();
				throw new IOException("redis-server did not answer PING on port " + port + " within " + STARTUP_MILLIS
						+ " ms; see its log in " + directory);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				redis.close();
				throw new IOException("Interrupted while starting redis-server", ex);
			}
		}
		return redis;
	}

	int port() {
		return this.port;
	}

	/**
	 * Return the server's version, from what {@code redis-server --version} prints.
	 * @return {@code Redis} and the version, or the whole line when it has no {@code v=}
	 */
	static String version() {
		try {
			Process process = new ProcessBuilder(executable(), "--version").redirectErrorStream(true).start();
			String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(10, TimeUnit.SECONDS);
			Matcher version = Pattern.compile("v=(\\S+)").matcher(line);
			return version.find() ? "Redis " + version.group(1) : line;
		}
		catch (IOException ex) {
			return "redis-server, version unknown: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "redis-server, version unknown";
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[5];
			return in.readNBytes(reply, 0, 5) == 5 && "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String executable() throws IOException {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		throw new IOException("redis-server is not on the PATH (apt-get install redis-server): part I needs it");
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temporary directory left behind does no harm
		}
	}

}
