package dev.responsesws.samples.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Facts about a few cities, read from the bundled {@code cities.csv}.
 */
final class CityDirectory {

	private final Map<String, Map<String, String>> cities = new LinkedHashMap<>();

	CityDirectory() {
		try (InputStream input = CityDirectory.class.getResourceAsStream("/cities.csv")) {
			if (input == null) {
				throw new IllegalStateException("cities.csv is missing from the classpath");
			}
			List<String> lines = new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
			String[] header = lines.get(0).split(",");
			for (String line : lines.subList(1, lines.size())) {
				String[] values = line.split(",");
				Map<String, String> city = new LinkedHashMap<>();
				for (int i = 0; i < header.length && i < values.length; i++) {
					city.put(header[i], values[i]);
				}
				this.cities.put(values[0].toLowerCase(Locale.ROOT), city);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Find a city by name, ignoring case.
	 * @param name the name
	 * @return its facts, or {@code null} if it is not in the directory
	 */
	@Nullable Map<String, String> find(String name) {
		return this.cities.get(name.trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the names of the cities in the directory.
	 * @return the names
	 */
	List<String> names() {
		return this.cities.values().stream().map((city) -> city.get("city")).toList();
	}

}
