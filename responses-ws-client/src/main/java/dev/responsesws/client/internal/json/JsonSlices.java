package dev.responsesws.client.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.base.ParserBase;

/**
 * The input a parser reads, from which the values it passes over can be kept as {@link RawJson}
 * without building their trees, and strings read from their bytes without the parser decoding
 * them. The first value kept copies the input once; every later value shares that copy, so the
 * caller may reuse its buffer as soon as parsing is done. Not thread-safe: one parse at a time.
 */
public final class JsonSlices {

	private final byte[] input;

	private final int offset;

	private final int length;

	private byte @Nullable [] copy;

	private int copyOffset;

	private JsonSlices(byte[] input, int offset, int length) {
		this.input = input;
		this.offset = offset;
		this.length = length;
	}

	/**
	 * Slices of UTF-8 input that a parser reads from {@code offset}.
	 * @param utf8 the buffer the parser reads
	 * @param offset where the parser's input starts
	 * @param length the length of the parser's input
	 * @return the slices
	 */
	public static JsonSlices ofUtf8(byte[] utf8, int offset, int length) {
		return new JsonSlices(utf8, offset, length);
	}

	/**
	 * Slices of text, which a parser made with {@link #createParser()} reads as UTF-8.
	 * @param text the text
	 * @return the slices
	 */
	public static JsonSlices ofText(String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		return ofSharedUtf8(utf8, 0, utf8.length);
	}

	/**
	 * Slices of a value kept earlier, which a parser made with {@link #createParser()} reads
	 * again; the slices share the value's buffer.
	 * @param value the value
	 * @return the slices
	 */
	public static JsonSlices of(RawJson value) {
		return RawJsonAccess.slices(value);
	}

	/**
	 * Slices over a buffer that is never modified, so that the values sliced from it share it
	 * instead of copying it.
	 * @param utf8 the buffer
	 * @param offset where the JSON starts
	 * @param length its length in bytes
	 * @return the slices
	 */
	public static JsonSlices ofSharedUtf8(byte[] utf8, int offset, int length) {
		JsonSlices slices = new JsonSlices(utf8, offset, length);
		slices.copy = utf8;
		slices.copyOffset = offset;
		return slices;
	}

	/**
	 * Create a parser over the input, with the limits of {@link ProtocolJson}.
	 * @return a parser on no token yet
	 */
	public JsonParser createParser() {
		return ProtocolJson.createParser(this.input, this.offset, this.length);
	}

	/**
	 * Return where the parser's current token starts, to give to {@link #slice(long, JsonParser)}
	 * once the parser is on the value's last token.
	 * @param parser a parser over this input
	 * @return the offset of the current token in the parser's input
	 */
	public static long start(JsonParser parser) {
		if (parser instanceof ParserBase base) {
			// what currentTokenLocation() reports, without making a location
			return base.getTokenCharacterOffset() - 1;
		}
		return parser.currentTokenLocation().getByteOffset();
	}

	/**
	 * Tell whether the string value whose opening quote is at {@code start} is exactly the given
	 * ASCII text, which must hold no quote or backslash, without decoding it.
	 * @param start the value's start, from {@link #start(JsonParser)} on its token
	 * @param ascii the text's bytes
	 * @return whether the value is that text
	 */
	public boolean isString(long start, byte[] ascii) {
		int from = this.offset + (int) start + 1;
		int end = from + ascii.length;
		if (start < 0 || end >= this.offset + this.length || this.input[end] != '"' || this.input[from - 1] != '"') {
			return false;
		}
		return Arrays.equals(this.input, from, end, ascii, 0, ascii.length);
	}

	/**
	 * Read a string value the parser has passed over without decoding it: Jackson skips a string
	 * it is not asked for at about half the cost of decoding it, and the JDK decodes the UTF-8
	 * bytes of a string without escapes several times faster than Jackson does, which is what
	 * matters for the long texts that {@code response.completed} and the {@code done} events carry.
	 * Call it once the parser has moved to the next token of the object: the next property name
	 * or the end of the object. The parser has checked the string as it skipped it (escapes, control
	 * characters, UTF-8 sequences), so only its length is checked here.
	 * @param start the string's start, from {@link #start(JsonParser)} on its token
	 * @param parser the parser, on the token after the string
	 * @return the string
	 * @throws ProtocolDecodingException if the string is longer than
	 * {@link ProtocolJson#MAX_STRING_LENGTH}
	 */
	public String stringBefore(long start, JsonParser parser) {
		JsonToken next = parser.currentToken();
		int at;
		if (next == JsonToken.PROPERTY_NAME) {
			at = before(this.offset + (int) parser.currentTokenLocation().getByteOffset());
			if (this.input[at] != ',') {
				throw new IllegalStateException("No comma before the property at " + at);
			}
			at = before(at);
		}
		else if (next == JsonToken.END_OBJECT) {
			at = before(this.offset + (int) start(parser));
		}
		else {
			throw new IllegalStateException("The parser is not on the token after a string value: " + next);
		}
		int from = this.offset + (int) start + 1;
		if (this.input[from - 1] != '"' || this.input[at] != '"' || at < from) {
			throw new IllegalStateException("No string value between offsets " + start + " and " + (at - this.offset));
		}
		String value = new String(this.input, from, at - from, StandardCharsets.UTF_8);
		if (value.length() > ProtocolJson.MAX_STRING_LENGTH) {
			throw new ProtocolDecodingException("String value length (" + value.length()
					+ ") exceeds the maximum allowed (" + ProtocolJson.MAX_STRING_LENGTH + ")", null, null);
		}
		int backslash = value.indexOf('\\');
		return (backslash < 0) ? value : unescape(value, backslash);
	}

	/** @return the index of the last non-whitespace byte before {@code index} */
	private int before(int index) {
		int at = index - 1;
		while (at > this.offset && isWhitespace(this.input[at])) {
			at--;
		}
		return at;
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	/** Resolve the escapes of a string the parser has validated. */
	private static String unescape(String escaped, int firstBackslash) {
		StringBuilder value = new StringBuilder(escaped.length());
		int from = 0;
		for (int at = firstBackslash; at >= 0; at = escaped.indexOf('\\', from)) {
			value.append(escaped, from, at);
			char code = escaped.charAt(at + 1);
			from = at + 2;
			switch (code) {
				case 'b' -> value.append('\b');
				case 'f' -> value.append('\f');
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> {
					value.append((char) Integer.parseInt(escaped, from, from + 4, 16));
					from += 4;
				}
				default -> value.append(code);
			}
		}
		return value.append(escaped, from, escaped.length()).toString();
	}

	/**
	 * Keep the object or array that started at {@code start} and ends with the parser's current
	 * token.
	 * @param start the value's start, from {@link #start(JsonParser)}
	 * @param parser the parser, on the value's end of object or array
	 * @return the value
	 */
	public RawJson slice(long start, JsonParser parser) {
		if (parser.currentToken() == null || !parser.currentToken().isStructEnd()) {
			throw new IllegalStateException("The parser is not at the end of an object or array");
		}
		long end = start(parser) + 1;
		if (start < 0 || end > this.length || start >= end) {
			throw new IllegalStateException("No value between offsets " + start + " and " + end);
		}
		byte[] copy = this.copy;
		if (copy == null) {
			copy = Arrays.copyOfRange(this.input, this.offset, this.offset + this.length);
			this.copy = copy;
		}
		return RawJsonAccess.ofUtf8(copy, this.copyOffset + (int) start, (int) (end - start));
	}

}
