package dev.responsesws.client.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.base.ParserBase;

/**
 * The input a parser reads, from which the values it passes over can be kept as {@link RawJson}
 * without building their trees. The first value kept copies the input once; every later value
 * shares that copy, so the caller may reuse its buffer as soon as parsing is done.
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
		return shared(utf8, 0, utf8.length);
	}

	/**
	 * Slices of a value kept earlier, which a parser made with {@link #createParser()} reads
	 * again; the slices share the value's buffer.
	 * @param value the value
	 * @return the slices
	 */
	public static JsonSlices of(RawJson value) {
		return value.slices();
	}

	static JsonSlices shared(byte[] utf8, int offset, int length) {
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
		return RawJson.ofUtf8(copy, this.copyOffset + (int) start, (int) (end - start));
	}

}
