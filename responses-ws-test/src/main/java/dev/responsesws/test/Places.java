package dev.responsesws.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds places in a message: IANA time zones written out ({@code Europe/Paris}) and common
 * cities with their zones ({@code Tokyo} is {@code Asia/Tokyo}).
 */
final class Places {

	private static final Pattern ZONE = Pattern.compile(
			"\\b(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_+-]+(?:/[A-Za-z_+-]+)?");


	private static final Map<String, String> CITY_ZONES = cityZones();

	private static final Pattern CITY = cityPattern();

	private Places() {
	}

	/**
	 * Return the first city of the table the message mentions.
	 * @return the city as written in the message and its zone, or {@code null}
	 */
	static @Nullable City city(String message) {
		Matcher matcher = CITY.matcher(message);
		if (!matcher.find()) {
			return null;
		}
		String zone = CITY_ZONES.get(matcher.group().toLowerCase(Locale.ROOT));
		return new City(matcher.group(), (zone != null) ? zone : "UTC");
	}

	/**
	 * Return the time zone the message asks about: a zone written out whole, the zone of a city
	 * it mentions, or UTC.
	 */
	static String zone(String message) {
		Matcher zone = ZONE.matcher(message);
		if (zone.find()) {
			return zone.group();
		}
		City city = city(message);
		if (city != null) {
			return city.zone();
		}
		return "UTC";
	}

	private static Map<String, String> cityZones() {
		String[][] table = { { "Tokyo", "Asia/Tokyo" }, { "Osaka", "Asia/Tokyo" }, { "Seoul", "Asia/Seoul" },
				{ "Beijing", "Asia/Shanghai" }, { "Shanghai", "Asia/Shanghai" }, { "Hong Kong", "Asia/Hong_Kong" },
				{ "Singapore", "Asia/Singapore" }, { "Bangkok", "Asia/Bangkok" }, { "Mumbai", "Asia/Kolkata" },
				{ "Delhi", "Asia/Kolkata" }, { "New Delhi", "Asia/Kolkata" }, { "Dubai", "Asia/Dubai" },
				{ "Istanbul", "Europe/Istanbul" }, { "Moscow", "Europe/Moscow" }, { "Athens", "Europe/Athens" },
				{ "Helsinki", "Europe/Helsinki" }, { "Warsaw", "Europe/Warsaw" }, { "Prague", "Europe/Prague" },
				{ "Vienna", "Europe/Vienna" }, { "Berlin", "Europe/Berlin" }, { "Munich", "Europe/Berlin" },
				{ "Zurich", "Europe/Zurich" }, { "Geneva", "Europe/Zurich" }, { "Rome", "Europe/Rome" },
				{ "Milan", "Europe/Rome" }, { "Paris", "Europe/Paris" }, { "Lyon", "Europe/Paris" },
				{ "Marseille", "Europe/Paris" }, { "Brussels", "Europe/Brussels" },
				{ "Amsterdam", "Europe/Amsterdam" }, { "Copenhagen", "Europe/Copenhagen" },
				{ "Stockholm", "Europe/Stockholm" }, { "Oslo", "Europe/Oslo" }, { "Madrid", "Europe/Madrid" },
				{ "Barcelona", "Europe/Madrid" }, { "Lisbon", "Europe/Lisbon" }, { "London", "Europe/London" },
				{ "Dublin", "Europe/Dublin" }, { "Reykjavik", "Atlantic/Reykjavik" }, { "Cairo", "Africa/Cairo" },
				{ "Lagos", "Africa/Lagos" }, { "Nairobi", "Africa/Nairobi" },
				{ "Johannesburg", "Africa/Johannesburg" }, { "New York", "America/New_York" },
				{ "Boston", "America/New_York" }, { "Washington", "America/New_York" },
				{ "Toronto", "America/Toronto" }, { "Chicago", "America/Chicago" },
				{ "Denver", "America/Denver" }, { "Los Angeles", "America/Los_Angeles" },
				{ "San Francisco", "America/Los_Angeles" }, { "Seattle", "America/Los_Angeles" },
				{ "Vancouver", "America/Vancouver" }, { "Mexico City", "America/Mexico_City" },
				{ "Sao Paulo", "America/Sao_Paulo" }, { "São Paulo", "America/Sao_Paulo" },
				{ "Buenos Aires", "America/Argentina/Buenos_Aires" }, { "Sydney", "Australia/Sydney" },
				{ "Melbourne", "Australia/Melbourne" }, { "Auckland", "Pacific/Auckland" },
				{ "Honolulu", "Pacific/Honolulu" } };
		Map<String, String> zones = new LinkedHashMap<>();
		for (String[] row : table) {
			zones.put(row[0].toLowerCase(Locale.ROOT), row[1]);
		}
		return zones;
	}

	private static Pattern cityPattern() {
		List<String> names = new ArrayList<>(CITY_ZONES.keySet());
		names.sort(Comparator.comparingInt(String::length).reversed());
		List<String> quoted = names.stream().map(Pattern::quote).toList();
		return Pattern.compile("(?<![\\p{L}/])(?:" + String.join("|", quoted) + ")(?![\\p{L}/])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/**
	 * A city found in a message.
	 * @param text the city as written
	 * @param zone its IANA time zone
	 */
	record City(String text, String zone) {
	}

}
