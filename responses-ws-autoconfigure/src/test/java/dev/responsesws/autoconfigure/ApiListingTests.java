package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API of each published module, listed in a file committed next to the module
 * ({@code api/<module>.api}), so that every change to the API shows up in review. The listing
 * holds the public and protected types of the module's packages ({@code internal} packages
 * excluded) with their supertypes and their public and protected constructors, methods and
 * fields, in a stable order.
 *
 * <p>When the API changes on purpose, write the new listings with
 * {@code ./mvnw -pl responses-ws-autoconfigure -am test -Dtest=ApiListingTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true} and commit them.
 */
class ApiListingTests {

	private static final String UPDATE = "api.update";

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "responses-ws-client, dev.responsesws.client", "responses-ws-autoconfigure, dev.responsesws.autoconfigure",
			"responses-ws-test, dev.responsesws.test" })
	void theCommittedListingIsTheModulesApi(String module, String rootPackage) throws IOException {
		String listing = listing(rootPackage);
		assertThat(listing).as("the API of " + rootPackage).contains("public ");
		Path file = Path.of("..", module, "api", module + ".api");
		if (Boolean.getBoolean(UPDATE)) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, listing, StandardCharsets.UTF_8);
		}
		assertThat(file).as("the committed API listing of " + module + " (write it with -D" + UPDATE + "=true)")
			.exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("the public API of " + module + " changed; if that is intended, run this test with -D" + UPDATE
					+ "=true and commit " + file.normalize())
			.isEqualTo(listing);
	}

	static String listing(String rootPackage) throws IOException {
		TreeMap<String, Class<?>> types = new TreeMap<>();
		String pattern = "classpath*:" + ClassUtils.convertClassNameToResourcePath(rootPackage) + "/**/*.class";
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
			String path = resource.getURL().toString();
			String relative = path.substring(path.lastIndexOf(ClassUtils.convertClassNameToResourcePath(rootPackage)));
			String name = ClassUtils.convertResourcePathToClassName(relative.substring(0, relative.length() - 6));
			if (name.startsWith(rootPackage + ".internal.") || name.endsWith("package-info")) {
				continue;
			}
			Class<?> type = ClassUtils.resolveClassName(name, ApiListingTests.class.getClassLoader());
			if (isApi(type)) {
				types.put(type.getName(), type);
			}
		}
		return types.values().stream().map(ApiListingTests::describe).collect(Collectors.joining("\n"));
	}

	private static boolean isApi(Class<?> type) {
		if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
			return false;
		}
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			if (!isVisible(current.getModifiers())) {
				return false;
			}
		}
		return true;
	}

	private static boolean isVisible(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static String describe(Class<?> type) {
		StringBuilder out = new StringBuilder(type.toGenericString());
		Type superclass = type.getGenericSuperclass();
		if (superclass != null && superclass != Object.class && superclass != Record.class && !type.isEnum()) {
			out.append(" extends ").append(superclass.getTypeName());
		}
		Type[] interfaces = type.getGenericInterfaces();
		if (interfaces.length > 0) {
			out.append(type.isInterface() ? " extends " : " implements ")
				.append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
		}
		if (type.isSealed()) {
			out.append(" permits ")
				.append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).collect(Collectors.joining(", ")));
		}
		out.append("\n");
		List<String> members = new ArrayList<>();
		Stream.of(type.getDeclaredFields())
			.filter((field) -> isVisible(field.getModifiers()) && !field.isSynthetic())
			.map(ApiListingTests::describe)
			.forEach(members::add);
		Stream.<Executable>concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
			.filter((member) -> isVisible(member.getModifiers()) && !member.isSynthetic()
					&& !(member instanceof Method method && method.isBridge()))
			.map((member) -> describe(type, member))
			.forEach(members::add);
		members.stream().sorted().forEach((member) -> out.append("  ").append(member).append("\n"));
		return out.toString();
	}

	private static String describe(Field field) {
		return field.toGenericString().replace(field.getDeclaringClass().getName() + ".", "");
	}

	private static String describe(Class<?> type, Member member) {
		String generic = (member instanceof Method method) ? method.toGenericString()
				: ((Constructor<?>) member).toGenericString();
		return generic.replace(" " + type.getName() + "." + member.getName() + "(", " " + member.getName() + "(")
			.replace(" " + type.getName() + "(", " " + type.getSimpleName() + "(");
	}

}
