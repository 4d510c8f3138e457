package dev.responsesws.client.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's packages form one-way layers: errors at the bottom, then the JSON value type, the
 * response and request models, events, transports, the session and conversations on top.
 */
class ArchitectureTests {

	static final List<String> CLIENT_LAYERS = List.of("error", "json", "response", "request", "event", "transport",
			"session", "conversation");

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
	}

}
