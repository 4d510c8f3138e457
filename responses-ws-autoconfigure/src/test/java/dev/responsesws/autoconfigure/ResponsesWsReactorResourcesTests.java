package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session runs on the event loops of the application's {@link ReactorResourceFactory} when
 * there is one, and on Reactor Netty's global ones otherwise.
 */
class ResponsesWsReactorResourcesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String LOOP_PREFIX = "shared-loop";

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension((builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class))
		.withPropertyValues("responses.ws.api-key=sk-test");

	@Test
	void sessionRunsOnTheResourceFactoryLoops() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl())
			.withUserConfiguration(ResourceFactoryConfiguration.class)
			.run((context) -> {
				Set<String> threads = eventThreads(context.getBean(ResponsesSession.class));
				assertThat(threads).anyMatch((name) -> name.startsWith(LOOP_PREFIX))
					.noneMatch((name) -> name.startsWith("reactor-http"));
			});
	}

	@Test
	void sessionRunsOnTheGlobalLoopsWithoutAResourceFactory() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl()).run((context) -> {
			Set<String> threads = eventThreads(context.getBean(ResponsesSession.class));
			assertThat(threads).anyMatch((name) -> name.startsWith("reactor-http"))
				.noneMatch((name) -> name.startsWith(LOOP_PREFIX));
		});
	}

	/** The threads the turn's events were delivered on. */
	private static Set<String> eventThreads(ResponsesSession session) {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		StepVerifier
			.create(session
				.create(CreateResponse.builder().model("m").input(List.of(InputMessage.user("hello"))).build())
				.doOnNext((event) -> threads.add(Thread.currentThread().getName())))
			.thenConsumeWhile((ResponseEvent event) -> true)
			.expectComplete()
			.verify(TIMEOUT);
		return threads;
	}

	@Configuration(proxyBeanMethods = false)
	static class ResourceFactoryConfiguration {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory resourceFactory = new ReactorResourceFactory();
			resourceFactory.setUseGlobalResources(false);
			resourceFactory.setLoopResourcesSupplier(() -> LoopResources.create(LOOP_PREFIX, 1, true));
			resourceFactory.setConnectionProviderSupplier(() -> ConnectionProvider.create("shared-connections"));
			return resourceFactory;
		}

	}

}
