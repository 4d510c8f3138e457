package dev.responsesws.autoconfigure.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.autoconfigure.ResponsesWsAutoConfiguration;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MeterSessionObserver}: its meters exist before the first event, and once a
 * turn has run no callback registers a meter again.
 */
class MeterSessionObserverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension(
			(builder) -> builder.apiKey("sk-test"));

	private static MockResponsesServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class,
				ResponsesWsMetricsAutoConfiguration.class))
		.withUserConfiguration(MeterRegistryConfiguration.class)
		.withPropertyValues("responses.ws.api-key=sk-test");

	@Test
	void documentedMetersExistAtZeroBeforeAnyEvent() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MeterSessionObserver.CONNECTIONS_CLOSED).counters())
				.extracting((counter) -> counter.getId().getTag("lost"))
				.containsExactlyInAnyOrder("true", "false");
			List<String> reasons = new ArrayList<>();
			for (ChainMissReason reason : ChainMissReason.values()) {
				reasons.add(reason.tag());
			}
			assertThat(registry.get(MeterSessionObserver.CHAIN_MISSES).counters())
				.extracting((counter) -> counter.getId().getTag("reason"))
				.containsExactlyInAnyOrderElementsOf(reasons);
			for (String name : List.of(MeterSessionObserver.CONNECTIONS_OPENED, MeterSessionObserver.CONNECTIONS_CLOSED,
					MeterSessionObserver.CONNECTIONS_ROTATED, MeterSessionObserver.CHAIN_HITS,
					MeterSessionObserver.CHAIN_MISSES, MeterSessionObserver.DATA_SENT,
					MeterSessionObserver.DATA_RECEIVED)) {
				assertThat(registry.get(name).counters()).as(name)
					.isNotEmpty()
					.allSatisfy((counter) -> assertThat(counter.count()).isZero());
			}
			assertThat(registry.get(MeterSessionObserver.DATA_SENT).counter().getId().getBaseUnit()).isEqualTo("bytes");
			assertThat(registry.get(MeterSessionObserver.DATA_RECEIVED).counter().getId().getBaseUnit())
				.isEqualTo("bytes");
		});
	}

	@Test
	void noMeterIsRegisteredAfterTheFirstTurn() {
		this.contextRunner.withPropertyValues("responses.ws.base-url=" + server.httpBaseUrl()).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ResponsesSession session = context.getBean(ResponsesSession.class);
			Response first = session.execute(request("hi")).block(TIMEOUT);
			List<Meter> registered = registry.getMeters();
			assertThat(registered).extracting((meter) -> meter.getId().getName())
				.contains(MeterSessionObserver.TIME_TO_FIRST_EVENT, MeterSessionObserver.TOKENS);
			registered.forEach(registry::remove);
			List<Meter.Id> added = new ArrayList<>();
			registry.config().onMeterAdded((meter) -> added.add(meter.getId()));
			Response second = session
				.execute(request("and then?").toBuilder().previousResponseId(first.id()).build())
				.block(TIMEOUT);
			session.execute(request("once more").toBuilder().previousResponseId(second.id()).build()).block(TIMEOUT);
			session.replayingChain(ChainMissReason.SETTINGS_CHANGED);
			assertThat(added).as("meters registered by turns after the first").isEmpty();
			assertThat(registry.getMeters()).isEmpty();
			Counter received = (Counter) registered.stream()
				.filter((meter) -> meter.getId().getName().equals(MeterSessionObserver.DATA_RECEIVED))
				.findFirst()
				.orElseThrow();
			assertThat(received.count()).as("the kept counter still counts").isPositive();
		});
	}

	private static CreateResponse request(String text) {
		return CreateResponse.builder().model("gpt-test").input(InputMessage.user(text)).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
