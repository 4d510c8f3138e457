package dev.responsesws.client.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client's layering as ArchUnit rules, built for any root package so that the same rules can
 * be checked against the client and against fixtures that break them.
 *
 * <p>Layers are the root's direct sub-packages, listed from the bottom up; a package
 * {@code root.internal.x} belongs to layer {@code x} but is not API. A class may depend on
 * classes of its own layer and of the layers below it, never on a layer above it (an upward
 * import), and the layers must be free of cycles. No class under the root may depend on the
 * simulator's package, and no public type, method, constructor or field of an API package may
 * show an internal type to its callers.
 */
final class LayerRules {

	private static final String INTERNAL = "internal";

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
			rules.add(noClasses().that(inAnyOf(root, List.of(layer)))
				.should()
				.dependOnClassesThat(inAnyOf(root, above))
				.as("no class of the '" + layer + "' layer depends on a layer above it " + above));
		}
		rules.add(classes().that()
			.resideInAPackage(root + "..")
			.should()
			.resideInAnyPackage(Stream
				.concat(layersBottomUp.stream().map((layer) -> root + "." + layer + ".."),
						layersBottomUp.stream().map((layer) -> root + "." + INTERNAL + "." + layer + ".."))
				.toArray(String[]::new))
			.as("every package under " + root + " belongs to one of the layers " + layersBottomUp));
		rules.add(slices().assignedFrom(layers(root))
			.should()
			.beFreeOfCycles()
			.as("the layers of " + root + " are free of cycles"));
		rules.add(noClasses().that()
			.resideInAPackage(root + "..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(simulatorPackage + "..")
			.as("no class under " + root + " depends on the simulator (" + simulatorPackage + ")"));
		rules.add(members().that(publicApiOf(root))
			.should(notShowInternalTypes(root))
			.allowEmptyShould(true)
			.as("no public member of an API type under " + root + " shows a type of " + root + "." + INTERNAL));
		rules.add(classes().that()
			.resideInAPackage(root + "..")
			.and()
			.resideOutsideOfPackage(root + "." + INTERNAL + "..")
			.and()
			.arePublic()
			.should(notExtendInternalTypes(root))
			.allowEmptyShould(true)
			.as("no public API type under " + root + " extends or implements a type of " + root + "." + INTERNAL));
		return CompositeArchRule.of(rules);
	}

	/**
	 * Return the layer of a package under the root.
	 * @param root the root
	 * @param packageName the package
	 * @return the layer, empty if the package is not under the root
	 */
	static Optional<String> layerOf(String root, String packageName) {
		if (!packageName.startsWith(root + ".")) {
			return Optional.empty();
		}
		String rest = packageName.substring(root.length() + 1);
		if (rest.startsWith(INTERNAL + ".")) {
			rest = rest.substring(INTERNAL.length() + 1);
		}
		int dot = rest.indexOf('.');
		return Optional.of((dot < 0) ? rest : rest.substring(0, dot));
	}

	private static DescribedPredicate<JavaClass> inAnyOf(String root, List<String> layers) {
		return DescribedPredicate.describe("reside in one of the layers " + layers,
				(javaClass) -> layerOf(root, javaClass.getPackageName()).filter(layers::contains).isPresent());
	}

	private static SliceAssignment layers(String root) {
		return new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				return layerOf(root, javaClass.getPackageName()).map(SliceIdentifier::of)
					.orElseGet(SliceIdentifier::ignore);
			}

			@Override
			public String getDescription() {
				return "layers of " + root;
			}

		};
	}

	private static boolean isInternal(String root, JavaClass javaClass) {
		JavaClass type = javaClass.getBaseComponentType();
		return type.getPackageName().equals(root + "." + INTERNAL)
				|| type.getPackageName().startsWith(root + "." + INTERNAL + ".");
	}

	private static DescribedPredicate<JavaMember> publicApiOf(String root) {
		return DescribedPredicate.describe("are public members of public API types", (member) -> {
			JavaClass owner = member.getOwner();
			return isVisibleApi(owner) && owner.getPackageName().startsWith(root + ".") && !isInternal(root, owner)
					&& (member.getModifiers().contains(JavaModifier.PUBLIC)
							|| member.getModifiers().contains(JavaModifier.PROTECTED));
		});
	}

	private static boolean isVisibleApi(JavaClass type) {
		for (Optional<JavaClass> current = Optional.of(type); current.isPresent(); current = current.get()
			.getEnclosingClass()) {
			if (!current.get().getModifiers().contains(JavaModifier.PUBLIC)) {
				return false;
			}
		}
		return true;
	}

	private static ArchCondition<JavaMember> notShowInternalTypes(String root) {
		return new ArchCondition<>("not show internal types") {

			@Override
			public void check(JavaMember member, ConditionEvents events) {
				List<JavaClass> shown = new ArrayList<>();
				if (member instanceof JavaField field) {
					shown.add(field.getRawType());
				}
				if (member instanceof JavaCodeUnit codeUnit) {
					shown.add(codeUnit.getRawReturnType());
					shown.addAll(codeUnit.getRawParameterTypes());
				}
				shown.stream()
					.filter((type) -> isInternal(root, type))
					.forEach((type) -> events.add(SimpleConditionEvent.violated(member,
							member.getFullName() + " shows the internal type " + type.getName())));
			}

		};
	}

	private static ArchCondition<JavaClass> notExtendInternalTypes(String root) {
		return new ArchCondition<>("not extend or implement internal types") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Stream.concat(javaClass.getRawSuperclass().stream(), javaClass.getRawInterfaces().stream())
					.filter((type) -> isInternal(root, type))
					.forEach((type) -> events.add(SimpleConditionEvent.violated(javaClass,
							javaClass.getName() + " extends or implements the internal type " + type.getName())));
			}

		};
	}

}
