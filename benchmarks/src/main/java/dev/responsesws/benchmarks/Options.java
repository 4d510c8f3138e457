package dev.responsesws.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of the form {@code --name=value}.
 */
final class Options {

	private Options() {
	}

	/**
	 * Parse the arguments over the defaults.
	 * @param args the arguments
	 * @param defaults the defaults
	 * @return the options, in a mutable map
	 * @throws IllegalArgumentException if an argument is not of the form {@code --name=value}
	 */
	static Map<String, String> parse(String[] args, Map<String, String> defaults) {
		Map<String, String> options = new LinkedHashMap<>(defaults);
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			String[] pair = arg.substring(2).split("=", 2);
			options.put(pair[0], pair[1]);
		}
		return options;
	}

}
