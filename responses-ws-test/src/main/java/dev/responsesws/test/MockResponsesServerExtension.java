package dev.responsesws.test;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * A JUnit Jupiter extension that starts one {@link MockResponsesServer} per test class, stops
 * it after the class, and {@link MockResponsesServer#reset() resets} it before each test.
 * Test and lifecycle methods can take the server, or its WebSocket URL as a {@link URI}, as
 * parameters; fields of type {@link MockResponsesServer} (static or not, not final) of the test
 * class are set to it.
 *
 * <pre>{@code
 * @ExtendWith(MockResponsesServerExtension.class)
 * class MyClientTests {
 *
 *     @Test
 *     void answers(MockResponsesServer server, URI webSocketUrl) { ... }
 *
 * }
 * }</pre>
 *
 * To configure the server, register the extension in a static field instead:
 * {@code @RegisterExtension static MockResponsesServerExtension simulator =
 * new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));}
 */
public class MockResponsesServerExtension
		implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(MockResponsesServerExtension.class);

	private final Consumer<MockResponsesServer.Builder> customizer;

	private volatile @Nullable MockResponsesServer server;

	/**
	 * Create an extension whose server has the defaults.
	 */
	public MockResponsesServerExtension() {
		this((builder) -> {
		});
	}

	/**
	 * Create an extension whose server is configured by the given customizer.
	 * @param customizer configures the server's builder
	 */
	public MockResponsesServerExtension(Consumer<MockResponsesServer.Builder> customizer) {
		this.customizer = Objects.requireNonNull(customizer);
	}

	/**
	 * Return the running server.
	 * @return the server
	 * @throws IllegalStateException before the test class started
	 */
	public MockResponsesServer server() {
		MockResponsesServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("The simulator starts before the first test of the class");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		MockResponsesServer enclosing = context.getStore(NAMESPACE).get(MockResponsesServer.class,
				MockResponsesServer.class);
		if (enclosing != null) {
			this.server = enclosing;
			inject(context.getRequiredTestClass(), null);
			return;
		}
		MockResponsesServer.Builder builder = MockResponsesServer.builder();
		this.customizer.accept(builder);
		MockResponsesServer started = builder.start();
		context.getStore(NAMESPACE).put(MockResponsesServer.class, started);
		this.server = started;
		inject(context.getRequiredTestClass(), null);
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
		inject(testInstance.getClass(), testInstance);
	}

	/** Set the fields of type MockResponsesServer: the static ones, or the instance's. */
	private void inject(Class<?> testClass, @Nullable Object instance) {
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (java.lang.reflect.Field field : type.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				boolean isStatic = java.lang.reflect.Modifier.isStatic(modifiers);
				if (field.getType() == MockResponsesServer.class && !java.lang.reflect.Modifier.isFinal(modifiers)
						&& isStatic == (instance == null)) {
					try {
						field.setAccessible(true);
						field.set(instance, server());
					}
					catch (IllegalAccessException ex) {
						throw new IllegalStateException("Cannot set " + field, ex);
					}
				}
			}
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		server().reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == MockResponsesServer.class || type == URI.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return (type == MockResponsesServer.class) ? server() : server().webSocketUrl();
	}

}
