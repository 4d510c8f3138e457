package dev.responsesws.starter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter brings the client and its auto-configuration and nothing that would turn a
 * Spring MVC application into a reactive one or start an embedded Netty server.
 */
class StarterClasspathTests {

	@ParameterizedTest
	@ValueSource(strings = { "dev.responsesws.client.session.ResponsesSession",
			"dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration", "reactor.netty.http.client.HttpClient",
			"org.springframework.boot.autoconfigure.SpringBootApplication" })
	void bringsWhatAnApplicationNeeds(String className) {
		assertThat(isPresent(className)).as(className).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.web.reactive.DispatcherHandler",
			"org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
			"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
			"org.springframework.boot.web.server.WebServer" })
	void bringsNoWebServer(String className) {
		assertThat(isPresent(className)).as(className).isFalse();
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, StarterClasspathTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
