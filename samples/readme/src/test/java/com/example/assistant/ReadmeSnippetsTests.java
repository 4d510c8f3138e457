package com.example.assistant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of this module are the README's snippets: each README block marked
 * {@code <!-- file: PATH -->} is the whole of that file, and the block marked
 * {@code <!-- in: PATH -->} (the dependencies to add) is part of that file. So the build
 * compiles and runs the README's application and its test exactly as a reader copies them.
 */
class ReadmeSnippetsTests {

	private static final Path ROOT = Path.of("..", "..");

	private static final Path MODULE = Path.of("samples", "readme");

	private static final Pattern MARKED_BLOCK = Pattern
		.compile("(?m)^<!-- (file|in): (\\S+) -->\\n+```[a-z]*\\n(.*?)^```", Pattern.DOTALL);

	@Test
	void everyFileOfTheModuleIsAReadmeSnippetAsItIs() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		for (Map.Entry<String, String> block : blocks("file")) {
			assertThat(files.put(block.getKey(), block.getValue())).as("one block for %s", block.getKey()).isNull();
		}
		Set<String> expected = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(ROOT.resolve(MODULE).resolve("src"))) {
			sources.filter(Files::isRegularFile)
				.filter((path) -> !path.getFileName().toString().equals("ReadmeSnippetsTests.java"))
				.forEach((path) -> expected.add(MODULE.resolve(ROOT.resolve(MODULE).relativize(path)).toString()));
		}
		assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		files.forEach((file, block) -> {
			try {
				assertThat(lines(block)).as("the README's %s", file)
					.isEqualTo(lines(Files.readString(ROOT.resolve(file))));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void dependenciesTheReadmeNamesAreThoseOfTheModule() throws IOException {
		List<Map.Entry<String, String>> parts = blocks("in");
		String pom = Files.readString(ROOT.resolve(MODULE).resolve("pom.xml"));
		StringBuilder shown = new StringBuilder();
		for (Map.Entry<String, String> part : parts) {
			assertThat(part.getKey()).isEqualTo(MODULE.resolve("pom.xml").toString());
			assertThat(Collections.indexOfSubList(normalized(pom), normalized(part.getValue())))
				.as("in pom.xml:%n%s", part.getValue())
				.isNotNegative();
			shown.append(part.getValue());
		}
		assertThat(shown).contains("<artifactId>responses-ws-starter</artifactId>")
			.contains("<artifactId>spring-boot-starter-test</artifactId>")
			.contains("<artifactId>reactor-test</artifactId>")
			.contains("<artifactId>responses-ws-test</artifactId>");
	}

	private static List<Map.Entry<String, String>> blocks(String kind) throws IOException {
		List<Map.Entry<String, String>> blocks = new ArrayList<>();
		Matcher block = MARKED_BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
		while (block.find()) {
			if (block.group(1).equals(kind)) {
				blocks.add(Map.entry(block.group(2), block.group(3)));
			}
		}
		return blocks;
	}

	private static List<String> lines(String text) {
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\\R", -1)) {
			lines.add(line.stripTrailing());
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	private static List<String> normalized(String text) {
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\\R")) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty()) {
				lines.add(trimmed);
			}
		}
		return lines;
	}

}
