package dev.responsesws.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link ServerProcess} started in a child JVM and driven over its standard streams.
 */
final class ServerHandle implements AutoCloseable {

	private static final long START_TIMEOUT_SECONDS = 60;

	private final Process process;

	private final BufferedReader output;

	private final PrintWriter commands;

	private final int port;

	private ServerHandle(Process process) throws IOException {
		this.process = process;
		this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		String ready = readLine();
		if (!ready.startsWith("port ")) {
			throw new IllegalStateException("The server process said " + ready);
		}
		this.port = Integer.parseInt(ready.substring(5).trim());
	}

	/**
	 * Start a server process with this class path and these arguments.
	 * @param args the arguments of {@link ServerProcess#main(String[])}
	 * @return the running server
	 */
	static ServerHandle start(String... args) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-XX:+UseParallelGC",
				"-cp", System.getProperty("java.class.path"), ServerProcess.class.getName()));
		command.addAll(List.of(args));
		try {
			return new ServerHandle(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the port clients connect to.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Return the bytes the latency proxy has carried from clients to the server.
	 * @return the bytes
	 */
	long bytesUpstream() {
		return ask("bytes");
	}

	/**
	 * Wait until no connection through the latency proxy has a side open any more, so that
	 * whatever a closed connection still had to forward has been counted.
	 * @param timeout how long to wait
	 * @throws IllegalStateException if connections are still open after the timeout
	 */
	void awaitNoConnections(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long open = ask("connections");
		while (open > 0) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(open + " connections through the proxy are still open after " + timeout);
			}
			LockSupport.parkNanos(1_000_000);
			open = ask("connections");
		}
	}

	/**
	 * Return the messages the simulator received since the last call: their UTF-8 bytes as the
	 * client wrote them before compression (the JSON of each WebSocket message, the body of each
	 * HTTP request), and their number.
	 * @return the bytes and the number of messages
	 */
	Received received() {
		String[] values = answer("received").split(" ");
		return new Received(Long.parseLong(values[0]), Long.parseLong(values[1]));
	}

	/**
	 * Return the simulator's own time on the turns it finished, summed.
	 * @return nanoseconds
	 */
	long serverNanos() {
		return ask("servertime");
	}

	/**
	 * Set the latency proxy's round-trip time and the simulator's prefill cost.
	 * @param rttMillis the round-trip time in milliseconds
	 * @param prefillMicros the prefill cost in microseconds per processed input token
	 */
	void configure(long rttMillis, long prefillMicros) {
		ask("configure " + rttMillis + " " + prefillMicros);
	}

	private long ask(String command) {
		return Long.parseLong(answer(command));
	}

	private String answer(String command) {
		this.commands.println(command);
		String answer = readLine();
		String name = command.split(" ")[0];
		if (!answer.startsWith(name + " ")) {
			throw new IllegalStateException("The server process said " + answer);
		}
		return answer.substring(name.length() + 1).trim();
	}

	private String readLine() {
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				return this.output.readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		try {
			String read = line.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (read == null) {
				throw new IllegalStateException("The server process ended");
			}
			return read;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			this.process.destroyForcibly();
			throw new IllegalStateException("The server process did not answer", ex);
		}
	}

	@Override
	public void close() {
		this.commands.println("quit");
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	/**
	 * Messages the simulator received.
	 * @param bytes their UTF-8 bytes before compression
	 * @param messages how many there were
	 */
	record Received(long bytes, long messages) {
	}

}
