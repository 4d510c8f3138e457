package dev.responsesws.client.internal.json;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;

/**
 * A fixed set of ASCII strings without escapes that string values are read as, without decoding
 * the value when it is one of them. Event and item types repeat in every frame: comparing the
 * value's bytes in the input with the known ones costs less than having the parser decode it, and
 * returning the constant (whose hash code is cached) keeps switching on it from hashing a new
 * string each time. Immutable and thread-safe.
 */
public final class KnownStrings {

	private final String[] values;

	private final byte[][] bytes;

	private final String[][] byLength;

	/**
	 * Create a set.
	 * @param values the strings
	 */
	public KnownStrings(String... values) {
		this.values = values.clone();
		this.bytes = new byte[values.length][];
		for (int i = 0; i < values.length; i++) {
			if (!values[i].chars().allMatch((c) -> c >= ' ' && c < 0x7f && c != '"' && c != '\\')) {
				throw new IllegalArgumentException("Not printable ASCII without quotes or backslashes: " + values[i]);
			}
			this.bytes[i] = values[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		}
		int longest = 0;
		for (String value : values) {
			longest = Math.max(longest, value.length());
		}
		List<List<String>> lists = new ArrayList<>();
		for (int i = 0; i <= longest; i++) {
			lists.add(new ArrayList<>());
		}
		for (String value : values) {
			lists.get(value.length()).add(value);
		}
		this.byLength = new String[longest + 1][];
		for (int i = 0; i <= longest; i++) {
			this.byLength[i] = lists.get(i).toArray(String[]::new);
		}
	}

	/**
	 * Return the string value at the parser's current token, the known instance when it is one,
	 * found in the input's bytes without the parser decoding the value.
	 * @param parser a parser over {@code input}, on a {@link tools.jackson.core.JsonToken#VALUE_STRING}
	 * @param input the parser's input
	 * @return the string
	 */
	public String read(JsonParser parser, JsonSlices input) {
		long start = JsonSlices.start(parser);
		for (int i = 0; i < this.bytes.length; i++) {
			if (input.isString(start, this.bytes[i])) {
				return this.values[i];
			}
		}
		return read(parser);
	}

	/**
	 * Return the string value at the parser's current token, the known instance when it is one.
	 * @param parser a parser on a {@link tools.jackson.core.JsonToken#VALUE_STRING}
	 * @return the string
	 */
	public String read(JsonParser parser) {
		char[] chars = parser.getStringCharacters();
		int offset = parser.getStringOffset();
		int length = parser.getStringLength();
		if (length < this.byLength.length) {
			for (String candidate : this.byLength[length]) {
				if (matches(candidate, chars, offset, length)) {
					return candidate;
				}
			}
		}
		return new String(chars, offset, length);
	}

	private static boolean matches(String candidate, char[] chars, int offset, int length) {
		// from the end: types share their prefixes ("response.") and differ at the end
		for (int i = length - 1; i >= 0; i--) {
			if (candidate.charAt(i) != chars[offset + i]) {
				return false;
			}
		}
		return true;
	}

}
