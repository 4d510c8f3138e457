package dev.responsesws.test;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes up plausible, deterministic function arguments from a tool's JSON schema and the
 * user's message: the {@code enum} value the message mentions (or the first), numbers from the
 * message for numeric fields, an arithmetic expression for fields named like
 * {@code expression}, the whole message for {@code query}-like fields, an IANA time zone for
 * zone fields (written out, such as {@code Europe/Paris}, or from a city, such as
 * {@code Asia/Tokyo} for Tokyo, otherwise {@code UTC}), a city for city fields, and for other
 * strings a quoted text or a capitalised word (a name or place).
 */
final class ToolArguments {

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	/** An arithmetic expression: numbers and at least one operator, brackets allowed. */
	static final Pattern EXPRESSION = Pattern.compile("[-\\d(][\\d\\s+\\-*/().^%]*[\\d)]");

	private static final Pattern OPERATOR = Pattern.compile("\\d\\s*\\)?\\s*[-+*/^%]\\s*\\(?\\s*-?\\d");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|“([^”]+)”|(?<![\\p{L}])'([^']+)'");

	private static final Pattern CAPITALISED = Pattern.compile("\\b[A-Z][\\p{L}-]+");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\d-]+");

	private ToolArguments() {
	}

	static String from(JsonNode schema, String message) {
		ObjectNode arguments = JsonMapper.shared().createObjectNode();
		JsonNode properties = schema.path("properties");
		if (properties.isObject()) {
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				arguments.set(property.getKey(), value(property.getKey(), property.getValue(), message));
			}
		}
		return arguments.toString();
	}

	/**
	 * Return the longest arithmetic expression of the message, or an empty string.
	 */
	static String expression(String message) {
		String longest = "";
		Matcher matcher = EXPRESSION.matcher(message);
		while (matcher.find()) {
			String candidate = matcher.group().trim();
			if (candidate.length() > longest.length() && OPERATOR.matcher(candidate).find()) {
				longest = candidate;
			}
		}
		return longest;
	}

	private static JsonNode value(String name, JsonNode schema, String message) {
		JsonNodeFactory nodes = JsonMapper.shared().getNodeFactory();
		JsonNode enumValues = schema.path("enum");
		if (enumValues.isArray() && !enumValues.isEmpty()) {
			return mentionedEnumValue(enumValues, message);
		}
		String type = schema.path("type").asString("string");
		return switch (type) {
			case "integer" -> nodes.numberNode((long) firstNumber(message));
			case "number" -> nodes.numberNode(firstNumber(message));
			case "boolean" -> nodes.booleanNode(true);
			case "array" -> nodes.arrayNode();
			case "object" -> nodes.objectNode();
			default -> nodes.stringNode(text(name.toLowerCase(Locale.ROOT),
					schema.path("description").asString("").toLowerCase(Locale.ROOT), message));
		};
	}

	private static JsonNode mentionedEnumValue(JsonNode values, String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		for (JsonNode value : values) {
			String text = value.asString("").toLowerCase(Locale.ROOT);
			if (!text.isEmpty() && Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(text) + "(?![\\p{L}\\d])")
				.matcher(lower)
				.find()) {
				return value;
			}
		}
		return values.get(0);
	}

	private static String text(String name, String description, String message) {
		if (name.contains("expr") || name.contains("formula") || description.contains("expression")) {
			String expression = expression(message);
			if (!expression.isEmpty()) {
				return expression;
			}
		}
		if (name.contains("query") || name.contains("question") || name.contains("text")) {
			return message;
		}
		if (name.contains("zone") || name.equals("tz") || description.contains("time zone")
				|| description.contains("timezone")) {
			return Places.zone(message);
		}
		Matcher quoted = QUOTED.matcher(message);
		if (quoted.find()) {
			for (int group = 1; group <= quoted.groupCount(); group++) {
				if (quoted.group(group) != null) {
					return quoted.group(group);
				}
			}
		}
		if (name.contains("city") || name.contains("place") || name.contains("location")) {
			Places.City city = Places.city(message);
			if (city != null) {
				return city.text();
			}
		}
		return capitalisedOrLastWord(message);
	}

	/** A capitalised word other than the first of the message, else the first, else the last word. */
	private static String capitalisedOrLastWord(String message) {
		Matcher capitalised = CAPITALISED.matcher(message);
		if (capitalised.find() && capitalised.start() > 0 || capitalised.find()) {
			return capitalised.group();
		}
		String last = "";
		Matcher word = WORD.matcher(message);
		while (word.find()) {
			last = word.group();
		}
		return last.isEmpty() ? message : last;
	}

	private static double firstNumber(String message) {
		Matcher matcher = NUMBER.matcher(message);
		return matcher.find() ? Double.parseDouble(matcher.group()) : 1;
	}

}
