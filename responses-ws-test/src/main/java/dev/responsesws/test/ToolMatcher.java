package dev.responsesws.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which function tools a user message plausibly asks for: the tools it names, otherwise
 * the one whose name and description words (and a few synonyms) it shares most, an arithmetic
 * tool for a message with an arithmetic expression, a tool with a city parameter for a message
 * that mentions a city. A message that asks for none of them gets none.
 */
final class ToolMatcher {

	private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

	private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "of", "for", "to", "in", "on",
			"at", "by", "with", "from", "as", "is", "are", "was", "be", "it", "its", "this", "that", "these", "those",
			"what", "who", "whom", "which", "when", "where", "why", "how", "you", "your", "me", "my", "we", "our", "i",
			"he", "she", "they", "them", "tell", "about", "please", "can", "could", "would", "will", "do", "does",
			"did", "some", "any", "all", "get", "gets", "return", "returns", "given", "give", "use", "using", "then",
			"one", "such", "example", "like", "result", "hello", "hi", "hey", "thanks", "thank", "there", "here",
			"know", "let", "now", "not", "no", "yes", "just", "also", "into", "out", "up", "down", "if", "so");

	/** Words a message may use for a tool word. */
	private static final Map<String, Set<String>> SYNONYMS = Map.of("time", Set.of("clock", "hour", "o'clock"),
			"date", Set.of("day", "today", "tomorrow", "yesterday"), "weather",
			Set.of("forecast", "temperature", "rain", "sunny", "snow"), "calculate",
			Set.of("compute", "sum", "plus", "minus", "multiply", "divide", "math"), "search",
			Set.of("find", "look", "lookup"));

	private static final Set<String> ARITHMETIC = Set.of("calculate", "calculator", "calc", "compute", "math",
			"arithmetic", "expression", "evaluate", "eval");

	private static final Set<String> CITY_PARAMETERS = Set.of("city", "place", "location", "town", "destination");

	private ToolMatcher() {
	}

	/**
	 * Return the tools the message asks for: every tool it names, otherwise the best match, or
	 * none.
	 */
	static List<FunctionDeclaration> choose(List<FunctionDeclaration> tools, String message) {
		String lower = message.toLowerCase(Locale.ROOT);
		List<FunctionDeclaration> named = new ArrayList<>();
		for (FunctionDeclaration tool : tools) {
			String name = tool.name().toLowerCase(Locale.ROOT);
			if (lower.contains(name) || lower.contains(name.replace('_', ' '))) {
				named.add(tool);
			}
		}
		if (!named.isEmpty()) {
			return named;
		}
		Set<String> words = stems(message);
		boolean arithmetic = !ToolArguments.expression(message).isEmpty();
		boolean city = Places.city(message) != null;
		FunctionDeclaration best = null;
		int bestScore = 0;
		for (FunctionDeclaration tool : tools) {
			int score = score(tool, words, arithmetic, city);
			if (score > bestScore) {
				best = tool;
				bestScore = score;
			}
		}
		return (best != null) ? List.of(best) : List.of();
	}

	private static int score(FunctionDeclaration tool, Set<String> words, boolean arithmetic, boolean city) {
		Set<String> nameWords = new HashSet<>();
		for (String part : CAMEL.split(tool.name().replace('-', '_'))) {
			nameWords.addAll(stems(part.replace('_', ' ')));
		}
		Set<String> descriptionWords = stems((tool.description() != null) ? tool.description() : "");
		Set<String> named = new HashSet<>(nameWords);
		for (String word : nameWords) {
			named.addAll(SYNONYMS.getOrDefault(word, Set.of()));
		}
		int score = 0;
		for (String word : words) {
			if (named.contains(word)) {
				score += 3;
			}
			else if (descriptionWords.contains(word)) {
				score += 1;
			}
		}
		if (arithmetic && (intersects(nameWords, ARITHMETIC) || intersects(descriptionWords, ARITHMETIC)
				|| hasParameter(tool, Set.of("expression", "expr", "formula")))) {
			score += 3;
		}
		if (city && hasParameter(tool, CITY_PARAMETERS)) {
			score += 1;
		}
		return score;
	}

	private static boolean hasParameter(FunctionDeclaration tool, Set<String> names) {
		for (String name : tool.parameters().path("properties").propertyNames()) {
			if (names.contains(name.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	private static boolean intersects(Set<String> one, Set<String> other) {
		for (String word : one) {
			if (other.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** The words of a text, lower case, without stop words, with plural and verb "s" dropped. */
	static Set<String> stems(String text) {
		Set<String> stems = new HashSet<>();
		Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (STOP_WORDS.contains(word)) {
				continue;
			}
			stems.add(stem(word));
		}
		return stems;
	}

	private static String stem(String word) {
		if (word.length() > 4 && word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

}
