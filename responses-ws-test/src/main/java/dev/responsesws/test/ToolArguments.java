package dev.responsesws.test;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes up plausible, deterministic function arguments from a tool's JSON schema and the
 * user's message: numbers from the message for numeric fields, an arithmetic expression for
 * fields named like {@code expression}, the whole message for {@code query}-like fields, a
 * capitalised word (a name or place) for other strings, the first value of an {@code enum}.
 */
final class ToolArguments {

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private static final Pattern EXPRESSION = Pattern.compile("[-\\d(][\\d\\s+\\-*/().^%]*[\\d)]");

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

	private static JsonNode value(String name, JsonNode schema, String message) {
		var nodes = JsonMapper.shared().getNodeFactory();
		JsonNode enumValues = schema.path("enum");
		if (enumValues.isArray() && !enumValues.isEmpty()) {
			return enumValues.get(0);
		}
		String type = schema.path("type").asString("string");
		String lowerName = name.toLowerCase(Locale.ROOT);
		return switch (type) {
			case "integer" -> nodes.numberNode((long) firstNumber(message));
			case "number" -> nodes.numberNode(firstNumber(message));
			case "boolean" -> nodes.booleanNode(true);
			case "array" -> nodes.arrayNode();
			case "object" -> nodes.objectNode();
			default -> nodes.stringNode(text(lowerName, message));
		};
	}

	private static String text(String name, String message) {
		if (name.contains("expr") || name.contains("formula")) {
			String longest = "";
			Matcher matcher = EXPRESSION.matcher(message);
			while (matcher.find()) {
				if (matcher.group().length() > longest.length()) {
					longest = matcher.group();
				}
			}
			if (!longest.isEmpty()) {
				return longest.trim();
			}
		}
		if (name.contains("query") || name.contains("question") || name.contains("text")) {
			return message;
		}
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
