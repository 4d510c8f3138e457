package dev.responsesws.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden frames of {@code responses-ws-client/src/test/resources/frames}, one file per
 * event type in the shapes the API documents, which the client's decoder tests read too.
 */
final class GoldenFrames {

	private GoldenFrames() {
	}

	/** The file names without {@code .json}. */
	static List<String> names() {
		URL directory = GoldenFrames.class.getResource("/frames/");
		if (directory == null) {
			throw new IllegalStateException("No golden frames on the class path");
		}
		try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".json"))
				.map((name) -> name.substring(0, name.length() - 5))
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

	static String read(String name) {
		try {
			URL file = GoldenFrames.class.getResource("/frames/" + name + ".json");
			if (file == null) {
				throw new AssertionError("No golden frame " + name);
			}
			return Files.readString(Path.of(file.toURI()), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
