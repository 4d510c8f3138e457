package dev.responsesws.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark in one run, written to {@code benchmarks/results/REPORT.md} with SVG charts:
 * A decode (JMH), B agent loop end to end, C per-turn overhead, D streaming rate, E scale, F slow
 * subscriber, G many conversations at once, H the Spring AI bridge's tool loop, I the conversation store on Redis. Each figure is next to its target and the ratio it is judged by; the clients
 * compared run side by side in the same run.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar} is JMH alone; the suite is
 * {@code java -cp benchmarks/target/benchmarks.jar dev.responsesws.benchmarks.BenchmarkSuite}
 * with optional
 * {@code --only=decode,agent,overhead,streaming,scale,backpressure,concurrency,springai,store}
 * and the options of each part, for example {@code --rtt=0,20,60 --iterations=10}.
 */
public final class BenchmarkSuite {

	private static final List<String> PARTS = List.of("decode", "agent", "overhead", "streaming", "scale",
			"backpressure", "concurrency", "springai", "store");

	private BenchmarkSuite() {
	}

	/**
	 * Run the suite.
	 * @param args {@code --only=PARTS --out=DIR} and the options of the parts
	 * @throws IOException if the report cannot be written
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws IOException, RunnerException {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.putAll(AgentLoopComparison.defaults());
		defaults.putAll(TurnOverhead.defaults());
		defaults.putAll(StreamingBenchmarks.defaults());
		defaults.putAll(ScaleBenchmarks.defaults());
		defaults.putAll(ConcurrentConversations.defaults());
		defaults.putAll(SpringAiBridgeComparison.defaults());
		defaults.putAll(ConversationStoreBenchmark.defaults());
		defaults.put("only", String.join(",", PARTS));
		defaults.put("jmh-iterations", "5");
		Map<String, String> options = Options.parse(args, defaults);
		List<String> only = List.of(options.get("only").split(","));
		for (String part : only) {
			if (!PARTS.contains(part)) {
				throw new IllegalArgumentException("Unknown part " + part + ", expected some of " + PARTS);
			}
		}
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);
		StringBuilder report = new StringBuilder("# responses-ws benchmarks\n\n");
		report.append(machine()).append('\n');
		report.append("Command: `java -cp benchmarks/target/benchmarks.jar dev.responsesws.benchmarks.BenchmarkSuite");
		for (String arg : args) {
			report.append(' ').append(arg);
		}
		report.append("` after `./mvnw -q -pl benchmarks -am package -DskipTests`.\n\n");
		if (only.contains("decode")) {
			report.append(decode(Integer.parseInt(options.get("jmh-iterations"))));
		}
		if (only.contains("agent")) {
			AgentLoopComparison.Result agent = AgentLoopComparison.run(options);
			Files.writeString(out.resolve("agent-loop.svg"), agent.chart());
			report.append("## B. Agent loop end to end\n\n").append(agent.markdown()).append('\n');
			report.append(agentVerdict(agent)).append("\n![agent loop](agent-loop.svg)\n\n");
		}
		if (only.contains("overhead")) {
			List<TurnOverhead.Result> overhead = TurnOverhead.run(options);
			Files.writeString(out.resolve("turn-overhead.svg"), overheadChart(overhead));
			report.append(overhead(overhead, options));
		}
		if (only.contains("streaming")) {
			List<Double> rates = StreamingBenchmarks.throughput(options);
			report.append(String.format(Locale.ROOT, "## D. Streaming%n%n%s delta events (4 characters each) in one answer over one "
					+ "connection to one subscriber that keeps up, %d runs after one warm-up run: median **%.0f** events/s "
					+ "(runs: %s). Target at least 500,000/s: %s.%n%n",
					options.get("deltas"), rates.size(), Measure.percentile(rates, 50), rounded(rates),
					verdict(Measure.percentile(rates, 50) >= 500_000)));
		}
		if (only.contains("scale")) {
			report.append(scale(ScaleBenchmarks.idleHeap(options), ScaleBenchmarks.saturation(options), options));
		}
		if (only.contains("backpressure")) {
			StreamingBenchmarks.SlowSubscriberResult slow = StreamingBenchmarks.slowSubscriber(options);
			report.append(String.format(Locale.ROOT, "## F. Backpressure%n%nA subscriber that asks for one event at a time "
					+ "and pauses 1 ms every 32 deltas read a %.2f GB answer (%s-character deltas) in %.1f s. The heap left "
					+ "after each of the %d collections during the stream grew by at most **%.1f MB** over the settled heap "
					+ "before it (target at most 32 MB: %s); the heap in use, garbage not yet collected included, peaked "
					+ "%.1f MB above it.%n%n",
					slow.bytes() / 1e9, options.get("slow-delta-chars"), slow.seconds(), slow.collections(),
					slow.peakLiveGrowth() / 1048576.0, verdict(slow.peakLiveGrowth() <= 32L * 1024 * 1024),
					slow.peakUsedGrowth() / 1048576.0));
		}
		if (only.contains("concurrency")) {
			report.append(ConcurrentConversations.run(options).markdown());
		}
		if (only.contains("springai")) {
			report.append(SpringAiBridgeComparison.run(options).markdown());
		}
		if (only.contains("store")) {
			report.append(ConversationStoreBenchmark.run(options).markdown());
		}
		Files.writeString(out.resolve("REPORT.md"), report);
		System.out.println("Wrote " + out.resolve("REPORT.md"));
	}

	private static String machine() {
		return String.format(Locale.ROOT, "%s on %s %s, %d cores, %d MB max heap; %s %s (%s). The servers run in "
				+ "their own JVM on the same machine, except the simulator of parts G and H.%n", LocalDate.now(), System.getProperty("os.name"),
				System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / 1048576, ManagementFactory.getRuntimeMXBean().getVmName(),
				System.getProperty("java.version"), System.getProperty("java.vendor"));
	}

	private static String decode(int iterations) throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(DecodeBenchmark.class.getName())
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(iterations)
			.measurementTime(TimeValue.seconds(2))
			.forks(1)
			.build()).run();
		Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String method = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
			scores.computeIfAbsent(result.getParams().getParam("frame"), (frame) -> new LinkedHashMap<>())
				.put(method, result.getPrimaryResult().getScore());
		}
		StringBuilder markdown = new StringBuilder("## A. Decode (JMH)\n\nAverage time per frame, one fork, 3 x 2 s warm-up, "
				+ iterations + " x 2 s measured. openai-java 4.101.0 binds its `ResponsesServerEvent` with its own mapper. "
				+ "The raw scan is the floor: its parser is created as our decoder's is (the token stream factory with a "
				+ "per-thread buffer pool and the same read limits, no databind context), and it moves over every token "
				+ "without asking for a value, so Jackson skips the strings' contents instead of decoding them and "
				+ "binds nothing.\n\n"
				+ "| frame | responses-ws | openai-java | raw token scan | openai-java / ours (target >= 2) | ours / raw (target <= 2) |\n"
				+ "|---|---|---|---|---|---|\n");
		scores.forEach((frame, score) -> {
			double ours = score.getOrDefault("decoder", Double.NaN);
			double official = score.getOrDefault("officialClient", Double.NaN);
			double raw = score.getOrDefault("rawTokenScan", Double.NaN);
			markdown.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1fx %s | %.2fx %s |%n", frame,
					nanos(ours), nanos(official), nanos(raw), official / ours, verdict(official / ours >= 2), ours / raw,
					verdict(ours / raw <= 2)));
		});
		return markdown.append('\n').toString();
	}

	private static String agentVerdict(AgentLoopComparison.Result agent) {
		StringBuilder verdicts = new StringBuilder();
		for (AgentLoopComparison.Row row : agent.rows()) {
			double official = row.median(AgentLoopComparison.Row.OFFICIAL_WEBSOCKET);
			double ours = row.median(AgentLoopComparison.Row.OURS);
			verdicts.append(String.format(Locale.ROOT, "- RTT %d ms: %.0f%% faster than our HTTP/SSE%s; %.1f%% above the floor "
					+ "(target within 5%%: %s); %.3fx the openai-java WebSocket loop (target not slower: %s).%n",
					row.rttMillis(), row.speedupOverHttp() * 100,
					(row.rttMillis() == 20) ? " (target at least 40%: " + verdict(row.speedupOverHttp() >= 0.4) + ")" : "",
					(ours / row.ourFloor() - 1) * 100, verdict(ours <= row.ourFloor() * 1.05), ours / official,
					verdict(ours <= official)));
		}
		return verdicts.toString();
	}

	private static String overhead(List<TurnOverhead.Result> results, Map<String, String> options) {
		TurnOverhead.Result blocking = results.get(0);
		TurnOverhead.Result reactive = results.get(1);
		TurnOverhead.Result official = results.get(2);
		TurnOverhead.Result raw = results.get(3);
		StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "## C. Per-turn overhead%n%nOne-token turns back to "
				+ "back over one WebSocket on loopback against a server that answers with pre-encoded frames, %s rounds of "
				+ "%s turns per client, taking turns, after %s s of warm-up each. Times are from the call to the final "
				+ "response in the calling thread. Our session runs twice: called and waited for by one application "
				+ "thread (`execute(...).block()`, as openai-java's `ResponseConnection` is called), and chained by a "
				+ "reactive caller (`Mono.defer(() -> session.execute(request)).repeat(...)`, each turn subscribed on the "
				+ "event loop as the previous one ends, as the raw client does). CPU is the client JVM's: the process's (garbage collection and JIT "
				+ "included) and, in brackets, its Java threads'.%n%n"
				+ "| client | p50 | p99 | CPU per turn | p50 above the raw floor |%n|---|---|---|---|---|%n",
				options.get("rounds"), options.get("turns"), options.get("warmup-seconds")));
		for (TurnOverhead.Result result : results) {
			markdown.append(String.format(Locale.ROOT, "| %s | %.1f us | %.1f us | %.1f us (%.1f us) | %.1f us |%n",
					result.client(), result.p50Micros(), result.p99Micros(), result.cpuMicros(), result.threadCpuMicros(),
					result.p50Micros() - raw.p50Micros()));
		}
		if (official.busyRetries() > 0) {
			markdown.append(String.format(Locale.ROOT, "%nopenai-java refused %d sends with `WebSocket send buffer is full; "
					+ "command was not queued` right after a final response; the harness tried each again after 20 us, "
					+ "within the turn's time.%n", official.busyRetries()));
		}
		markdown.append(String.format(Locale.ROOT, "%nCalled the same way as openai-java, by a blocking thread, our p50 is "
				+ "%.2fx openai-java's (target at most 0.7x: %s).%n", blocking.p50Micros() / official.p50Micros(),
				verdict(blocking.p50Micros() <= 0.7 * official.p50Micros())));
		for (TurnOverhead.Result ours : List.of(blocking, reactive)) {
			double overhead = ours.p50Micros() - raw.p50Micros();
			markdown.append(String.format(Locale.ROOT, "%n- %s: our client's share of the p50, above the raw floor, is "
					+ "%.1f us and the whole p50 %.1f us (target at most 100 us: %s).", ours.client(), overhead,
					ours.p50Micros(), verdict(overhead <= 100) + " for the share, "
							+ verdict(ours.p50Micros() <= 100) + " for the whole"));
		}
		markdown.append(String.format(Locale.ROOT, "%n%n![per-turn overhead](turn-overhead.svg)%n%n"));
		return markdown.toString();
	}

	private static String overheadChart(List<TurnOverhead.Result> results) {
		List<List<Double>> values = new ArrayList<>();
		values.add(new ArrayList<>());
		values.add(new ArrayList<>());
		values.add(new ArrayList<>());
		List<String> series = new ArrayList<>();
		for (TurnOverhead.Result result : results) {
			series.add(result.client());
			values.get(0).add(result.p50Micros());
			values.get(1).add(result.p99Micros());
			values.get(2).add(result.cpuMicros());
		}
		return Chart.bars("One-token turn on loopback (microseconds)", List.of("p50", "p99", "CPU per turn"), series,
				values);
	}

	private static String scale(List<ScaleBenchmarks.IdleResult> idle, ScaleBenchmarks.SaturationResult saturation,
			Map<String, String> options) {
		StringBuilder markdown = new StringBuilder("## E. Scale\n\n| open idle connections | heap per connection (target <= 30 KB) |\n|---|---|\n");
		for (ScaleBenchmarks.IdleResult result : idle) {
			markdown.append(String.format(Locale.ROOT, "| %d | %.1f KB %s |%n", result.connections(),
					result.bytesPerConnection() / 1024, verdict(result.bytesPerConnection() <= 30 * 1024)));
		}
		double ratio = saturation.medianRatio();
		StringBuilder runs = new StringBuilder();
		for (int i = 0; i < saturation.ours().size(); i++) {
			runs.append(String.format(Locale.ROOT, "%s%.0f against %.0f (%.0f%%)", (i > 0) ? ", " : "",
					saturation.ours().get(i), saturation.raw().get(i),
					100 * saturation.ours().get(i) / saturation.raw().get(i)));
		}
		markdown.append(String.format(Locale.ROOT, "%nHeap per connection is the settled heap after `connect()` opened them, "
				+ "minus the settled heap before, divided by the connections.%n%n%d conversations at once, one-token turns "
				+ "back to back for %s s per run, %s runs after one warm-up run, each followed by a run of the raw Reactor "
				+ "Netty client over as many connections. Turns per second, ours against the raw client's: %s. Median of "
				+ "the runs' ratios: **%.0f%%** of the raw client (target at least 70%%: %s).%n%n",
				saturation.conversations(), options.get("seconds"), options.get("runs"), runs, ratio * 100,
				verdict(ratio >= 0.7)));
		return markdown.toString();
	}

	private static String verdict(boolean met) {
		return met ? "met" : "**missed**";
	}

	private static String nanos(double nanos) {
		return (nanos >= 10_000) ? String.format(Locale.ROOT, "%.1f us", nanos / 1000)
				: String.format(Locale.ROOT, "%.0f ns", nanos);
	}

	private static String rounded(List<Double> values) {
		List<String> rounded = new ArrayList<>();
		values.forEach((value) -> rounded.add(String.format(Locale.ROOT, "%.0f", value)));
		return String.join(", ", rounded);
	}

}
