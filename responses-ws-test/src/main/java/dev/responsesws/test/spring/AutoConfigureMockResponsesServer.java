package dev.responsesws.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link dev.responsesws.test.MockResponsesServer} for the test's application context,
 * registers it as a bean (inject it to script answers and assert on recorded frames), and points
 * the application at it with a {@code ResponsesWsConnectionDetails} bean, the way
 * {@code @ServiceConnection} does for containers: it takes the place of
 * {@code responses.ws.base-url} and {@code responses.ws.api-key}, whatever they are set to. The
 * simulator stops with the context.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMockResponsesServer
 * class AgentServiceTests {
 *
 *     @Autowired MockResponsesServer server;
 *     @Autowired AgentService service;
 *
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureMockResponsesServer {

	/**
	 * The API key the simulator expects and the application is configured with.
	 * @return the key
	 */
	String apiKey() default "sk-test";

	/**
	 * Whether the simulator refuses request parameters the API does not know, as the API does.
	 * @return whether validation is strict
	 * @see dev.responsesws.test.MockResponsesServer.Builder#strict(boolean)
	 */
	boolean strict() default true;

}
