package dev.responsesws.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Grouped bar charts as SVG, with no dependencies.
 */
final class Chart {

	private static final String[] COLORS = { "#2b6cb0", "#90cdf4", "#c05621", "#fbd38d", "#718096", "#38a169" };

	private static final int BAR = 34;

	private static final int HEIGHT = 240;

	private Chart() {
	}

	/**
	 * Draw one group of bars per label, one bar per series.
	 * @param title the title
	 * @param groups the group labels
	 * @param series the series names, in bar order
	 * @param values per group, one value per series
	 * @return the SVG document
	 */
	static String bars(String title, List<String> groups, List<String> series, List<List<Double>> values) {
		double max = 0;
		for (List<Double> group : values) {
			for (double value : group) {
				max = Math.max(max, value);
			}
		}
		max = (max > 0) ? max : 1;
		int groupWidth = series.size() * (BAR + 4) + 40;
		int width = Math.max(640, 60 + groups.size() * groupWidth);
		int legendTop = HEIGHT + 90;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
				width, legendTop + series.size() * 18 + 10));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", escape(title)));
		int baseline = HEIGHT + 40;
		for (int g = 0; g < groups.size(); g++) {
			int x0 = 40 + g * groupWidth;
			List<Double> group = values.get(g);
			for (int s = 0; s < group.size(); s++) {
				double value = group.get(s);
				double height = HEIGHT * value / max;
				int x = x0 + s * (BAR + 4);
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n", x, baseline - height,
						BAR, height, COLORS[s % COLORS.length]));
				svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\">%s</text>%n", x,
						baseline - height - 3, format(value)));
			}
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x0, baseline + 16,
					escape(groups.get(g))));
		}
		for (int s = 0; s < series.size(); s++) {
			int y = legendTop + s * 18;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"40\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"58\" y=\"%d\">%s</text>%n",
					y, COLORS[s % COLORS.length], y + 10, escape(series.get(s))));
		}
		return svg.append("</svg>\n").toString();
	}

	private static String format(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
