package dev.responsesws.client.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's packages form one-way layers: errors at the bottom, then the JSON value type, the
 * response and request models, events, transports, the session and conversations on top. Each
 * layer's {@code internal} package is not API: the API does not show its types, and the README,
 * samples, benchmarks and the simulator do not use them (the auto-configuration, released with
 * the client, and white-box tests may).
 */
class ArchitectureTests {

	static final List<String> CLIENT_LAYERS = List.of("error", "json", "response", "request", "event", "transport",
			"session", "conversation");

	static final String INTERNAL = "dev.responsesws.client.internal";

	static final String SIMULATOR = "dev.responsesws.test";

	@Test
	void clientLayersAreOneWayAndFreeOfCyclesAndNeverUseTheSimulator() {
		JavaClasses client = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.responsesws.client");
		assertThat(client).hasSizeGreaterThan(50);
		LayerRules.of("dev.responsesws.client", CLIENT_LAYERS, SIMULATOR).check(client);
	}

	@Test
	void theSameRulesFailOnAnUpwardImportACycleAndAnImportOfTheSimulator() {
		JavaClasses fixture = new ClassFileImporter().importPackages("dev.responsesws.archfixture");
		ArchRule rules = LayerRules.of("dev.responsesws.archfixture", List.of("error", "session"),
				"dev.responsesws.archfixture.simulator");
		EvaluationResult result = rules.evaluate(fixture);
		assertThat(result.hasViolation()).isTrue();
		String report = String.join("\n", result.getFailureReport().getDetails());
		assertThat(report).contains("ErrorThatImportsTheSession").contains("SessionThatImportsTheSimulator");
		assertThat(report).containsIgnoringCase("cycle");
		assertThat(report).contains("does not reside in any package").contains("simulator.Simulator");
		assertThat(report).contains("SessionThatShowsInternals.helper() shows the internal type")
			.contains("SessionThatShowsInternals extends or implements the internal type");
	}

	@Test
	void layersIncludeTheirInternalPackages() {
		assertThat(LayerRules.layerOf("dev.responsesws.client", INTERNAL + ".transport")).hasValue("transport");
		assertThat(LayerRules.layerOf("dev.responsesws.client", "dev.responsesws.client.session")).hasValue("session");
		assertThat(LayerRules.layerOf("dev.responsesws.client", "dev.responsesws.test")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../README.md", "../samples", "../benchmarks/src", "../responses-ws-test/src/main" })
	void theReadmeSamplesBenchmarksAndSimulatorUseOnlyTheApi(String location) throws IOException {
		Path path = Path.of(location);
		assertThat(path).as("run from the module's directory").exists();
		List<String> offenders;
		try (Stream<Path> files = Files.walk(path)) {
			offenders = files.filter(Files::isRegularFile)
				.filter((file) -> file.toString().endsWith(".java") || file.toString().endsWith(".md"))
				.filter((file) -> !file.toString().contains("/target/"))
				.filter((file) -> !file.toString().contains("/internal/"))
				.filter((file) -> read(file).contains(INTERNAL))
				.map(Path::toString)
				.toList();
		}
		assertThat(offenders).as("files that use " + INTERNAL).isEmpty();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
