package dev.responsesws.samples.springai;

import java.util.Locale;
import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The assistant's two tools: made-up weather and time zones of a few cities, so that the answers
 * are the same every run.
 */
public class TravelTools {

	private static final Map<String, String> WEATHER = Map.of("paris", "18 °C and sunny", "tokyo",
			"24 °C and humid", "oslo", "6 °C and raining");

	private static final Map<String, String> ZONES = Map.of("paris", "Europe/Paris", "tokyo", "Asia/Tokyo", "oslo",
			"Europe/Oslo");

	/**
	 * Return the weather of a city.
	 * @param city the city
	 * @return the weather, or that it is unknown
	 */
	@Tool(name = "weather", description = "Current weather of a city")
	public String weather(@ToolParam(description = "City name, for example Paris") String city) {
		return WEATHER.getOrDefault(key(city), "unknown for " + city);
	}

	/**
	 * Return the time zone of a city.
	 * @param city the city
	 * @return the IANA time zone, or that it is unknown
	 */
	@Tool(name = "time_zone", description = "IANA time zone of a city")
	public String timeZone(@ToolParam(description = "City name, for example Paris") String city) {
		return ZONES.getOrDefault(key(city), "unknown for " + city);
	}

	private static String key(String city) {
		return city.strip().toLowerCase(Locale.ROOT);
	}

}
