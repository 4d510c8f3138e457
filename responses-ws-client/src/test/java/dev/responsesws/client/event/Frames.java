package dev.responsesws.client.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.responsesws.client.internal.json.ProtocolJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access to the golden server frames under {@code src/test/resources/frames} and helpers to
 * decode a frame through both entry points of {@link EventDecoder}.
 */
final class Frames {

	private static final String DIRECTORY = "/frames/";

	/** Bytes around a frame in a larger buffer: decoding them would fail loudly. */
	private static final byte[] PREFIX = "]]} garbage before {\"type\":".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUFFIX = "\u0000}}] garbage after".getBytes(StandardCharsets.UTF_8);

	private Frames() {
	}

	/**
	 * Read a frame.
	 * @param name the file name without {@code .json}
	 * @return the frame text exactly as stored
	 */
	static String read(String name) {
		try (InputStream in = Frames.class.getResourceAsStream(DIRECTORY + name + ".json")) {
			assertThat(in).as("frame %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read a frame as a JSON tree.
	 * @param name the file name without {@code .json}
	 * @return the tree
	 */
	static ObjectNode tree(String name) {
		return (ObjectNode) parse(read(name));
	}

	static JsonNode parse(String json) {
		return ProtocolJson.mapper().readTree(json);
	}

	/**
	 * Return the names of all stored frames, sorted.
	 * @return the names without {@code .json}
	 */
	static List<String> names() {
		URL directory = Frames.class.getResource(DIRECTORY);
		assertThat(directory).isNotNull();
		try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".json"))
				.map((file) -> file.substring(0, file.length() - ".json".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the names of the frames of event types the library models.
	 * @return the names
	 */
	static List<String> typedNames() {
		return names().stream().filter((name) -> !name.startsWith("unknown-")).toList();
	}

	/**
	 * Return the names of the frames of event types the library does not model.
	 * @return the names
	 */
	static List<String> unknownNames() {
		return names().stream().filter((name) -> name.startsWith("unknown-")).toList();
	}

	/**
	 * Decode a text through {@link EventDecoder#decode(byte[], int, int)}, with the UTF-8
	 * bytes placed in the middle of a larger buffer.
	 * @param decoder the decoder
	 * @param json the event text
	 * @return the event
	 */
	static ResponseEvent decodeFromLargerBuffer(EventDecoder decoder, String json) {
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		byte[] buffer = new byte[PREFIX.length + utf8.length + SUFFIX.length];
		System.arraycopy(PREFIX, 0, buffer, 0, PREFIX.length);
		System.arraycopy(utf8, 0, buffer, PREFIX.length, utf8.length);
		System.arraycopy(SUFFIX, 0, buffer, PREFIX.length + utf8.length, SUFFIX.length);
		return decoder.decode(buffer, PREFIX.length, utf8.length);
	}

	/**
	 * Decode a text through both entry points, check that they agree and return the event.
	 * @param decoder the decoder
	 * @param json the event text
	 * @return the event
	 */
	static ResponseEvent decodeBothWays(EventDecoder decoder, String json) {
		ResponseEvent fromString = decoder.decode(json);
		ResponseEvent fromBytes = decodeFromLargerBuffer(decoder, json);
		assertThat(fromBytes).isEqualTo(fromString);
		byte[] exact = json.getBytes(StandardCharsets.UTF_8);
		assertThat(decoder.decode(exact, 0, exact.length)).isEqualTo(fromString);
		return fromString;
	}

}
