package dev.responsesws.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.RecordedFrame;
import dev.responsesws.test.Responders;
import dev.responsesws.test.SelfSignedCertificate;
import dev.responsesws.test.proxy.NetworkProxy;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a benchmark, in its own JVM so that the client's CPU time and heap can be
 * measured alone: either the simulator running a tool loop behind the latency proxy, or the
 * {@link CannedTurnServer}. It prints {@code port N} when it is ready, then answers commands on
 * standard input, one per line: {@code bytes} prints the bytes the proxy carried from the
 * client, {@code connections} the connections through the proxy with a side still open,
 * {@code received} the UTF-8 bytes and the number of the messages the simulator received
 * (WebSocket messages after inflating, HTTP bodies) since it was last asked, {@code servertime}
 * the simulator's own time on the turns it finished, in nanoseconds, {@code configure RTT PREFILL} sets the proxy's round-trip time (milliseconds) and the
 * simulator's prefill cost (microseconds per token), {@code quit} (or the end of input) stops it.
 */
public final class ServerProcess {

	private ServerProcess() {
	}

	/**
	 * Run the server until told to stop.
	 * @param args {@code --mode=simulator --steps=20 --prefill-us=50 --rtt=20} or
	 * {@code --mode=canned --deltas=0 --delta-chars=1}, each with optional
	 * {@code --keystore=FILE --password=SECRET} for TLS
	 * @throws IOException if standard input fails
	 */
	public static void main(String[] args) throws IOException {
		Map<String, String> options = Options.parse(args, Map.of("mode", "simulator", "steps", "20", "prefill-us",
				"50", "rtt", "0", "deltas", "0", "delta-chars", "1"));
		@Nullable SslContext tls = options.containsKey("keystore") ? SelfSignedCertificate
			.load(Path.of(options.get("keystore")), options.get("password").toCharArray())
			.serverContext() : null;
		if (options.get("mode").equals("canned")) {
			try (CannedTurnServer server = new CannedTurnServer(Long.parseLong(options.get("deltas")),
					Integer.parseInt(options.get("delta-chars")), tls)) {
				serve(server.port(), null, null);
			}
			return;
		}
		MockResponsesServer.Builder builder = MockResponsesServer.builder()
			.prefillPerToken(Duration.ofNanos(Long.parseLong(options.get("prefill-us")) * 1000))
			.responder(Responders.toolLoop("step", Integer.parseInt(options.get("steps"))));
		if (tls != null) {
			builder.tls(tls);
		}
		try (MockResponsesServer server = builder.start();
				NetworkProxy proxy = NetworkProxy.builder("127.0.0.1", server.port())
					.roundTripTime(Duration.ofMillis(Long.parseLong(options.get("rtt"))))
					.start()) {
			serve(proxy.port(), proxy, server);
		}
	}

	private static void serve(int port, @Nullable NetworkProxy proxy, @Nullable MockResponsesServer simulator)
			throws IOException {
		System.out.println("port " + port);
		System.out.flush();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
			if (line.equals("bytes")) {
				System.out.println("bytes " + ((proxy != null) ? proxy.bytesUpstream() : -1));
			}
			else if (line.equals("connections")) {
				System.out.println("connections " + ((proxy != null) ? proxy.openConnections() : -1));
			}
			else if (line.equals("received")) {
				System.out.println("received " + ((simulator != null) ? received(simulator) : "-1 -1"));
			}
			else if (line.startsWith("configure ") && proxy != null && simulator != null) {
				String[] values = line.split(" ");
				proxy.roundTripTime(Duration.ofMillis(Long.parseLong(values[1])));
				simulator.prefillPerToken(Duration.ofNanos(Long.parseLong(values[2]) * 1000));
				System.out.println("configure 0");
			}
			else if (line.equals("servertime")) {
				System.out.println("servertime " + ((simulator != null) ? simulator.serverTime().toNanos() : -1));
			}
			else {
				System.out.println("unknown " + line);
			}
			System.out.flush();
		}
	}

	/**
	 * Take the messages recorded since the last call off the simulator's queue, so that it does
	 * not grow with the run, and sum their sizes.
	 */
	private static String received(MockResponsesServer simulator) {
		long bytes = 0;
		long messages = 0;
		try {
			for (RecordedFrame frame = simulator.takeFrame(Duration.ZERO); frame != null;
					frame = simulator.takeFrame(Duration.ZERO)) {
				bytes += frame.sizeInBytes();
				messages++;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return bytes + " " + messages;
	}

}
