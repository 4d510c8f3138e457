package dev.responsesws.client.internal.json;

import java.util.Objects;

import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the parts of {@link RawJson} that the decoder needs but the API does not offer:
 * wrapping a slice of a received buffer without copying it, and reading a value's buffer again.
 * {@code RawJson} hands its accessor over when its class is initialized.
 */
public final class RawJsonAccess {

	private static volatile @Nullable Accessor accessor;

	private RawJsonAccess() {
	}

	/**
	 * Called once by {@link RawJson}'s static initializer; later calls are ignored.
	 * @param rawJsonAccessor the accessor
	 */
	public static synchronized void register(Accessor rawJsonAccessor) {
		if (accessor == null) {
			accessor = Objects.requireNonNull(rawJsonAccessor);
		}
	}

	/**
	 * Wrap UTF-8 JSON text without copying it; the text is not checked until the value's tree
	 * is asked for.
	 * @param utf8 the buffer, which must not change afterwards
	 * @param offset where the value starts
	 * @param length its length in bytes
	 * @return the value
	 */
	public static RawJson ofUtf8(byte[] utf8, int offset, int length) {
		return accessor().ofUtf8(utf8, offset, length);
	}

	/**
	 * Return slices over a value's text.
	 * @param value the value
	 * @return slices that share the value's buffer
	 */
	public static JsonSlices slices(RawJson value) {
		return accessor().slices(value);
	}

	private static Accessor accessor() {
		Accessor current = accessor;
		if (current == null) {
			initialize(RawJson.class);
			current = Objects.requireNonNull(accessor, "RawJson did not register its accessor");
		}
		return current;
	}

	private static void initialize(Class<?> type) {
		try {
			Class.forName(type.getName(), true, type.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What {@link RawJson} lets the decoder do.
	 */
	public interface Accessor {

		/**
		 * Wrap UTF-8 JSON text without copying it.
		 * @param utf8 the buffer, which must not change afterwards
		 * @param offset where the value starts
		 * @param length its length in bytes
		 * @return the value
		 */
		RawJson ofUtf8(byte[] utf8, int offset, int length);

		/**
		 * Return slices over a value's text, making the text from its tree when there is none.
		 * @param value the value
		 * @return slices that share the value's buffer
		 */
		JsonSlices slices(RawJson value);

	}

}
