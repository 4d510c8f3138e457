package dev.responsesws.test;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs the simulator on its own, so that a client in any language can be tested against it.
 * The first line printed is the WebSocket URL; the process runs until it is interrupted.
 *
 * <pre>
 * --port=N                  the port (default 8080, 0 for a free one)
 * --host=ADDRESS            the address to bind (default 127.0.0.1)
 * --api-key=KEY             require this API key (default: accept any)
 * --token-rate=N            output tokens per second (default 0: as fast as the client reads)
 * --prefill-per-token=DUR   delay per processed input token, for example 20us (default 0)
 * --max-connection-age=DUR  connection age limit, for example 60m or 30s (default 60m)
 * --no-lanes                refuse stream_id, as a server without lanes
 * --lenient                 accept request parameters the API does not know (default: refuse them)
 * --reject-upgrades=STATUS  refuse WebSocket upgrades with this status, for example 426
 * --tool-loop=NAME:CALLS    answer with a loop of CALLS calls of NAME instead of the default agent
 * </pre>
 */
public final class MockResponsesServerMain {

	private MockResponsesServerMain() {
	}

	/**
	 * Start the simulator.
	 * @param args the options
	 * @throws InterruptedException when interrupted, which stops the simulator
	 */
	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		MockResponsesServer server = start(options, System.out);
		if (server == null) {
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "mock-responses-shutdown"));
		stopped.await();
	}

	/**
	 * Start the simulator as {@link #main(String[])} does, without waiting: the first line
	 * printed is the WebSocket URL, followed by the HTTP base URL and the settings.
	 * @param args the options
	 * @param out where to print
	 * @return the running simulator, which the caller closes, or {@code null} when only the
	 * usage was asked for ({@code --help})
	 * @throws IllegalArgumentException if an option is not valid
	 */
	static @Nullable MockResponsesServer start(String[] args, PrintStream out) {
		return start(Options.parse(args), out);
	}

	private static @Nullable MockResponsesServer start(Options options, PrintStream out) {
		if (options.help) {
			out.println(Options.USAGE);
			out.flush();
			return null;
		}
		MockResponsesServer server = options.builder.start();
		if (options.rejectUpgrades != 0) {
			server.rejectUpgrades(options.rejectUpgrades);
		}
		out.println(server.webSocketUrl());
		out.println("HTTP base URL: " + server.httpBaseUrl());
		for (String line : options.describe()) {
			out.println(line);
		}
		out.println("Press Ctrl+C to stop.");
		out.flush();
		return server;
	}

	/**
	 * The parsed command line.
	 */
	static final class Options {

		static final String USAGE = """
				usage: MockResponsesServerMain [--port=8080] [--host=127.0.0.1] [--api-key=KEY] [--token-rate=N]
				                               [--prefill-per-token=20us] [--max-connection-age=60m] [--no-lanes]
				                               [--lenient] [--reject-upgrades=426] [--tool-loop=NAME:CALLS]""";

		private static final Set<String> VALUE_OPTIONS = Set.of("port", "host", "api-key", "token-rate",
				"prefill-per-token", "max-connection-age", "reject-upgrades", "tool-loop");

		final MockResponsesServer.Builder builder = MockResponsesServer.builder().port(8080);

		final List<String> settings = new ArrayList<>();

		int rejectUpgrades;

		boolean help;

		static Options parse(String[] args) {
			Options options = new Options();
			for (String arg : args) {
				options.apply(arg);
			}
			return options;
		}

		private void apply(String arg) {
			if (arg.equals("--help") || arg.equals("-h")) {
				this.help = true;
				return;
			}
			if (arg.equals("--no-lanes")) {
				this.builder.lanes(false);
				this.settings.add("lanes: off");
				return;
			}
			if (arg.equals("--lenient")) {
				this.builder.strict(false);
				this.settings.add("validation: lenient");
				return;
			}
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals < 0 && VALUE_OPTIONS.contains(arg.substring(2))) {
				throw new IllegalArgumentException(arg + " needs a value, as in " + arg + "=VALUE");
			}
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("unknown argument '" + arg + "'");
			}
			String name = arg.substring(2, equals);
			String value = arg.substring(equals + 1);
			if (name.equals("no-lanes") || name.equals("lenient") || name.equals("help")) {
				throw new IllegalArgumentException("--" + name + " takes no value, got '" + value + "'");
			}
			if (value.isEmpty() && VALUE_OPTIONS.contains(name)) {
				throw new IllegalArgumentException("--" + name + " needs a value, as in --" + name + "=VALUE");
			}
			try {
				apply(name, value);
			}
			catch (IllegalArgumentException ex) {
				// the builder's own checks do not know the option's name
				String message = String.valueOf(ex.getMessage());
				throw message.startsWith("--") || message.startsWith("unknown") ? ex
						: new IllegalArgumentException("--" + name + "=" + value + ": " + message, ex);
			}
		}

		private void apply(String name, String value) {
			switch (name) {
				case "port" -> this.builder.port(integer(name, value));
				case "host" -> this.builder.host(value);
				case "api-key" -> {
					this.builder.apiKey(value);
					this.settings.add("API key: required");
				}
				case "token-rate" -> {
					this.builder.tokenRate(number(name, value));
					this.settings.add("token rate: " + value + " tokens/s");
				}
				case "prefill-per-token" -> {
					this.builder.prefillPerToken(duration(name, value));
					this.settings.add("prefill: " + value + " per input token");
				}
				case "max-connection-age" -> {
					this.builder.maxConnectionAge(duration(name, value));
					this.settings.add("connection age limit: " + value);
				}
				case "reject-upgrades" -> {
					this.rejectUpgrades = integer(name, value);
					if (this.rejectUpgrades < 400 || this.rejectUpgrades > 599) {
						throw new IllegalArgumentException("--reject-upgrades needs a 4xx or 5xx status");
					}
					this.settings.add("WebSocket upgrades refused with " + value);
				}
				case "tool-loop" -> {
					int colon = value.lastIndexOf(':');
					if (colon <= 0) {
						throw new IllegalArgumentException("--tool-loop needs NAME:CALLS");
					}
					this.builder.responder(
							Responders.toolLoop(value.substring(0, colon), integer(name, value.substring(colon + 1))));
					this.settings.add("responder: tool loop " + value);
				}
				default -> throw new IllegalArgumentException("unknown option '--" + name + "'");
			}
		}

		List<String> describe() {
			return this.settings.isEmpty() ? List.of("responder: default agent") : this.settings;
		}

		private static int integer(String name, String value) {
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " needs an integer, got '" + value + "'");
			}
		}

		private static double number(String name, String value) {
			try {
				return Double.parseDouble(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " needs a number, got '" + value + "'");
			}
		}

		/** Parses {@code 250ms}, {@code 20us}, {@code 30s}, {@code 60m}, {@code 1h} or ISO-8601. */
		static Duration duration(String name, String value) {
			try {
				if (value.startsWith("P") || value.startsWith("p")) {
					return Duration.parse(value);
				}
				String[] units = { "ns", "us", "ms", "s", "m", "h" };
				for (String unit : units) {
					if (value.endsWith(unit) && value.length() > unit.length()
							&& Character.isDigit(value.charAt(value.length() - unit.length() - 1))) {
						long amount = Long.parseLong(value.substring(0, value.length() - unit.length()));
						return switch (unit) {
							case "ns" -> Duration.ofNanos(amount);
							case "us" -> Duration.ofNanos(amount * 1_000);
							case "ms" -> Duration.ofMillis(amount);
							case "s" -> Duration.ofSeconds(amount);
							case "m" -> Duration.ofMinutes(amount);
							default -> Duration.ofHours(amount);
						};
					}
				}
			}
			catch (RuntimeException ex) {
				// reported below
			}
			throw new IllegalArgumentException("--" + name + " needs a duration like 20us, 250ms, 30s or 60m, got '"
					+ value + "'");
		}

	}

}
