package dev.responsesws.client.architecture;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client's layering as ArchUnit rules, built for any root package so that the same rules can
 * be checked against the client and against fixtures that break them.
 *
 * <p>Layers are the root's direct sub-packages, listed from the bottom up. A class may depend on
 * classes of its own layer and of the layers below it, never on a layer above it (an upward
 * import), and the layers must be free of cycles. No class under the root may depend on the
 * simulator's package.
 */
final class LayerRules {

	private LayerRules() {
	}

	/**
	 * Build the rules.
	 * @param root the root package, for example {@code dev.responsesws.client}
	 * @param layersBottomUp the root's sub-packages, from the bottom layer up
	 * @param simulatorPackage the package no class under the root may depend on
	 * @return one rule that checks them all
	 */
	static ArchRule of(String root, List<String> layersBottomUp, String simulatorPackage) {
		List<ArchRule> rules = new ArrayList<>();
		for (int i = 0; i < layersBottomUp.size(); i++) {
			String layer = layersBottomUp.get(i);
			List<String> above = layersBottomUp.subList(i + 1, layersBottomUp.size());
			if (above.isEmpty()) {
				continue;
			}
			rules.add(noClasses().that()
				.resideInAPackage(root + "." + layer + "..")
				.should()
				.dependOnClassesThat(inAnyOf(root, above))
				.as("no class of the '" + layer + "' layer depends on a layer above it " + above));
		}
		rules.add(classes().that()
			.resideInAPackage(root + "..")
			.should()
			.resideInAnyPackage(layersBottomUp.stream().map((layer) -> root + "." + layer + "..").toArray(String[]::new))
			.as("every package under " + root + " belongs to one of the layers " + layersBottomUp));
		rules.add(slices().matching(root + ".(*)..").should().beFreeOfCycles().as("the layers of " + root + " are free of cycles"));
		rules.add(noClasses().that()
			.resideInAPackage(root + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(simulatorPackage + "..")
			.as("no class under " + root + " depends on the simulator (" + simulatorPackage + ")"));
		return CompositeArchRule.of(rules);
	}

	private static DescribedPredicate<JavaClass> inAnyOf(String root, List<String> layers) {
		return DescribedPredicate.describe("reside in one of " + layers,
				(javaClass) -> layers.stream().anyMatch((layer) -> javaClass.getPackageName().equals(root + "." + layer)
						|| javaClass.getPackageName().startsWith(root + "." + layer + ".")));
	}

}
