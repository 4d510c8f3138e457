package dev.responsesws.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the agent-loop comparison as Markdown and as an SVG bar chart.
 */
final class Report {

	private Report() {
	}

	static void write(Path directory, Map<String, String> options, List<AgentLoopComparison.Row> rows)
			throws IOException {
		Files.createDirectories(directory);
		StringBuilder markdown = new StringBuilder();
		markdown.append("# Agent loop: WebSocket mode vs HTTP/SSE\n\n");
		markdown.append(String.format(Locale.ROOT,
				"%s, Java %s, %d cores. %s tool calls per loop, %s measured loops after %s warm-up loops, "
						+ "prefill cost %s us per processed input token. TLS off.%n%n",
				LocalDate.now(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				options.get("steps"), options.get("iterations"), options.get("warmup"), options.get("prefill-us")));
		markdown.append("| RTT | WebSocket median (p95) | HTTP median (p95) | WebSocket faster by | bytes sent per loop WS / HTTP | floor | WS / floor |\n");
		markdown.append("|---|---|---|---|---|---|---|\n");
		for (AgentLoopComparison.Row row : rows) {
			markdown.append(String.format(Locale.ROOT, "| %d ms | %.1f ms (%.1f) | %.1f ms (%.1f) | %.0f%% | %.0f / %.0f | %.1f ms | %.2f |%n",
					row.roundTrip().toMillis(), row.webSocket().medianMillis(), row.webSocket().p95Millis(),
					row.http().medianMillis(), row.http().p95Millis(), row.speedup() * 100,
					row.webSocket().bytesPerLoop(), row.http().bytesPerLoop(), row.floorMillis(),
					row.webSocket().medianMillis() / row.floorMillis()));
		}
		markdown.append("\nThe floor is the simulator's own prefill time for the WebSocket loop plus one round trip per turn.\n");
		markdown.append("Both sides and the simulator share one JVM: ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append(".\n");
		Files.writeString(directory.resolve("agent-loop.md"), markdown);
		Files.writeString(directory.resolve("agent-loop.svg"), chart(rows));
	}

	private static String chart(List<AgentLoopComparison.Row> rows) {
		double max = 1;
		for (AgentLoopComparison.Row row : rows) {
			max = Math.max(max, Math.max(row.webSocket().medianMillis(), row.http().medianMillis()));
		}
		int width = 120 + rows.size() * 140;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"320\" font-family=\"sans-serif\" font-size=\"12\">%n", width));
		svg.append("<text x=\"10\" y=\"20\" font-size=\"14\">Median agent loop time (ms): WebSocket (blue) vs HTTP/SSE (grey)</text>\n");
		for (int i = 0; i < rows.size(); i++) {
			AgentLoopComparison.Row row = rows.get(i);
			int x = 80 + i * 140;
			bar(svg, x, row.webSocket().medianMillis(), max, "#2b6cb0");
			bar(svg, x + 50, row.http().medianMillis(), max, "#a0aec0");
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"300\">RTT %d ms</text>%n", x + 10,
					row.roundTrip().toMillis()));
		}
		return svg.append("</svg>\n").toString();
	}

	private static void bar(StringBuilder svg, int x, double value, double max, String color) {
		double height = 240 * value / max;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%.1f\" width=\"40\" height=\"%.1f\" fill=\"%s\"/><text x=\"%d\" y=\"%.1f\">%.0f</text>%n",
				x, 280 - height, height, color, x, 275 - height, value));
	}

}
