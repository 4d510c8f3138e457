package dev.responsesws.client.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.json.RawJsonAccess;
import dev.responsesws.client.internal.json.RawJsonSerializer;
import dev.responsesws.client.internal.json.TreeReader;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A JSON value as received, kept as its text and parsed into a tree only when {@link #tree()} is
 * first called. The decoder binds the fields the library reads in one pass over an event and
 * keeps the objects it exposes as {@code RawJson}, so an application that never looks at the
 * JSON of a response, an output item or a content part never pays for its tree.
 *
 * <p>Two values are equal when their trees are equal, whatever their text. Instances are
 * thread-safe; the tree is built at most once per instance in the normal case (two threads
 * asking at the same moment may both build it, and one of the equal trees wins). Jackson writes a
 * value as the JSON it holds.
 */
@JsonSerialize(using = RawJsonSerializer.class)
public final class RawJson {

	static {
		RawJsonAccess.register(new RawJsonAccess.Accessor() {

			@Override
			public RawJson ofUtf8(byte[] utf8, int offset, int length) {
				return RawJson.ofUtf8(utf8, offset, length);
			}

			@Override
			public JsonSlices slices(RawJson value) {
				return value.slices();
			}

		});
	}

	private final byte @Nullable [] utf8;

	private final int offset;

	private final int length;

	private volatile @Nullable JsonNode tree;

	private RawJson(byte @Nullable [] utf8, int offset, int length, @Nullable JsonNode tree) {
		this.utf8 = utf8;
		this.offset = offset;
		this.length = length;
		this.tree = tree;
	}

	/**
	 * Wrap a tree.
	 * @param tree the tree
	 * @return the value, whose text is the tree's
	 */
	public static RawJson of(JsonNode tree) {
		return new RawJson(null, 0, 0, Objects.requireNonNull(tree));
	}

	/**
	 * Wrap UTF-8 JSON text without copying it. The bytes must not change afterwards, and must hold
	 * one valid JSON value: the text is not checked until {@link #tree()} is called.
	 * @param utf8 the buffer
	 * @param offset where the value starts
	 * @param length its length in bytes
	 * @return the value
	 */
	private static RawJson ofUtf8(byte[] utf8, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, utf8.length);
		return new RawJson(utf8, offset, length, null);
	}

	/**
	 * Return the value as a tree, parsing the text the first time.
	 * @return the tree; it is shared, so it should not be modified
	 * @throws ProtocolDecodingException if the text is not valid JSON within the limits of
	 * {@link ProtocolJson}, which cannot happen for values the library decoded
	 */
	public JsonNode tree() {
		JsonNode tree = this.tree;
		if (tree == null) {
			tree = parse();
			this.tree = tree;
		}
		return tree;
	}

	/**
	 * Return the JSON text, without parsing it when it was received as text.
	 * @return the text
	 */
	public String json() {
		byte[] utf8 = this.utf8;
		if (utf8 != null) {
			return new String(utf8, this.offset, this.length, StandardCharsets.UTF_8);
		}
		return tree().toString();
	}

	/**
	 * Return the UTF-8 text in a new array, copied without parsing it when it was received as
	 * text.
	 * @return the bytes
	 */
	public byte[] toUtf8() {
		byte[] utf8 = this.utf8;
		if (utf8 != null) {
			return Arrays.copyOfRange(utf8, this.offset, this.offset + this.length);
		}
		return ProtocolJson.mapper().writeValueAsBytes(tree());
	}

	/**
	 * Return the length of the UTF-8 text in bytes, without parsing it when it was received as
	 * text.
	 * @return the length
	 */
	public int utf8Length() {
		if (this.utf8 != null) {
			return this.length;
		}
		return toUtf8().length;
	}

	/**
	 * Return slices over the text, making the text from the tree when there is none.
	 * @return slices that share this value's buffer
	 */
	private JsonSlices slices() {
		byte[] utf8 = this.utf8;
		if (utf8 != null) {
			return JsonSlices.ofSharedUtf8(utf8, this.offset, this.length);
		}
		return JsonSlices.ofText(tree().toString());
	}

	private JsonNode parse() {
		byte[] utf8 = Objects.requireNonNull(this.utf8);
		try (JsonParser parser = ProtocolJson.createParser(utf8, this.offset, this.length)) {
			if (parser.nextToken() == null) {
				throw new ProtocolDecodingException("No JSON value", null, null);
			}
			JsonNode tree = TreeReader.read(parser);
			if (parser.nextToken() != null) {
				throw new ProtocolDecodingException("Unexpected content after a JSON value", null, null);
			}
			return tree;
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed JSON: " + ex.getOriginalMessage(), json(), ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof RawJson raw && tree().equals(raw.tree()));
	}

	@Override
	public int hashCode() {
		return tree().hashCode();
	}

	@Override
	public String toString() {
		return json();
	}

}
