package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.responsesws.autoconfigure.health.ResponsesWsHealthContributorAutoConfiguration;
import dev.responsesws.autoconfigure.health.ResponsesWsHealthIndicator;
import dev.responsesws.autoconfigure.observation.MeterSessionObserver;
import dev.responsesws.autoconfigure.observation.ObservationSessionObserver;
import dev.responsesws.autoconfigure.observation.ResponsesSessionMetrics;
import dev.responsesws.autoconfigure.observation.ResponsesWsMetricsAutoConfiguration;
import dev.responsesws.autoconfigure.observation.ResponsesWsObservationAutoConfiguration;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.session.CancelPolicy;
import dev.responsesws.client.session.LaneMode;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property binds, and every auto-configured bean backs off for a user-defined one.
 */
class ResponsesWsPropertiesBindingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, ResponsesWsAutoConfiguration.class,
				ResponsesWsHealthContributorAutoConfiguration.class, ResponsesWsObservationAutoConfiguration.class,
				ResponsesWsMetricsAutoConfiguration.class))
		.withPropertyValues("responses.ws.base-url=http://127.0.0.1:9/v1", "responses.ws.api-key=sk-binding");

	@Test
	void everyPropertyBinds() {
		this.contextRunner.withPropertyValues("responses.ws.api-key-header=api-key", "responses.ws.model=m",
				"responses.ws.instructions=i", "responses.ws.store=true", "responses.ws.organization=org",
				"responses.ws.project=proj", "responses.ws.headers.X-Extra=yes", "responses.ws.transport=http",
				"responses.ws.fallback-to-http=false", "responses.ws.allow-cleartext=true",
				"responses.ws.pool.min-connections=1", "responses.ws.pool.max-connections=9",
				"responses.ws.pool.max-queued=7", "responses.ws.pool.acquire-timeout=3s",
				"responses.ws.pool.chain-continuation=1s", "responses.ws.pool.chain-max-delay=2s",
				"responses.ws.lanes.mode=off", "responses.ws.lanes.max-turns-per-connection=5",
				"responses.ws.connection.max-frame-size=2MB", "responses.ws.connection.compression=false",
				"responses.ws.connection.connect-timeout=4s", "responses.ws.connection.idle-timeout=6s",
				"responses.ws.connection.ping-interval=0s", "responses.ws.connection.max-age=10m",
				"responses.ws.connection.cancel-policy=close", "responses.ws.connection.reconnect-backoff=1s",
				"responses.ws.connection.max-reconnect-backoff=2s", "responses.ws.startup.connect=false",
				"responses.ws.startup.warmup=false", "responses.ws.startup.timeout=8s",
				"responses.ws.shutdown.grace=11s", "responses.ws.health.probe-ttl=12s")
			.run((context) -> {
				ResponsesWsProperties properties = context.getBean(ResponsesWsProperties.class);
				assertThat(properties.getApiKeyHeader()).isEqualTo("api-key");
				assertThat(properties.getModel()).isEqualTo("m");
				assertThat(properties.getInstructions()).isEqualTo("i");
				assertThat(properties.isStore()).isTrue();
				assertThat(properties.getOrganization()).isEqualTo("org");
				assertThat(properties.getProject()).isEqualTo("proj");
				assertThat(properties.getHeaders()).containsExactly(Map.entry("X-Extra", "yes"));
				assertThat(properties.getTransport()).isEqualTo(TransportMode.HTTP);
				assertThat(properties.isFallbackToHttp()).isFalse();
				assertThat(properties.isAllowCleartext()).isTrue();
				assertThat(properties.getPool().getMinConnections()).isEqualTo(1);
				assertThat(properties.getPool().getMaxConnections()).isEqualTo(9);
				assertThat(properties.getPool().getMaxQueued()).isEqualTo(7);
				assertThat(properties.getPool().getAcquireTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getPool().getChainContinuation()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getPool().getChainMaxDelay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getLanes().getMode()).isEqualTo(LaneMode.OFF);
				assertThat(properties.getLanes().getMaxTurnsPerConnection()).isEqualTo(5);
				ResponsesWsProperties.Connection connection = properties.getConnection();
				assertThat(connection.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(2));
				assertThat(connection.isCompression()).isFalse();
				assertThat(connection.getConnectTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(connection.getIdleTimeout()).isEqualTo(Duration.ofSeconds(6));
				assertThat(connection.getPingInterval()).isZero();
				assertThat(connection.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
				assertThat(connection.getCancelPolicy()).isEqualTo(CancelPolicy.CLOSE);
				assertThat(connection.getReconnectBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(connection.getMaxReconnectBackoff()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getStartup().getTimeout()).isEqualTo(Duration.ofSeconds(8));
				assertThat(properties.getShutdown().getGrace()).isEqualTo(Duration.ofSeconds(11));
				assertThat(properties.getHealth().getProbeTtl()).isEqualTo(Duration.ofSeconds(12));
				assertThat(context.getBean(ResponsesSession.class).transport()).isEqualTo(TransportMode.HTTP);
				assertThat(context.getBean(ResponsesSession.class).lanesInUse()).isFalse();
				assertThat(context.getBean(ResponsesConversations.class).defaults().model()).isEqualTo("m");
			});
	}

	@Test
	void malformedPropertyValuesFailTheStartup() {
		this.contextRunner.withPropertyValues("responses.ws.transport=carrier-pigeon")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner.withPropertyValues("responses.ws.pool.max-connections=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(ResponsesWsConfigurationException.class)
				.hasMessage("responses.ws.pool.max-connections=0 is out of range: it must be at least 1."));
		this.contextRunner.withPropertyValues("responses.ws.headers.X-Bad=a\r\nb")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("CR or LF"));
	}

	@Test
	void everyBeanBacksOffForAUserDefinedOne() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(ResponsesSessionLifecycle.class)).isSameAs(context.getBean("userLifecycle"));
			assertThat(context.getBean(ResponsesConversations.class)).isSameAs(context.getBean("userConversations"));
			assertThat(context.getBean(ResponsesWsHealthIndicator.class))
				.isSameAs(context.getBean("responsesWsHealthIndicator"));
			assertThat(context.getBean(ObservationSessionObserver.class)).isSameAs(context.getBean("userObserver"));
			assertThat(context.getBean(MeterSessionObserver.class)).isSameAs(context.getBean("userMeterObserver"));
			assertThat(context.getBean(ResponsesSessionMetrics.class)).isSameAs(context.getBean("userMetrics"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		ResponsesSessionLifecycle userLifecycle(ResponsesSession session, ResponsesWsProperties properties) {
			return new ResponsesSessionLifecycle(session, properties, Duration.ofSeconds(1));
		}

		@Bean
		ResponsesConversations userConversations(ResponsesSession session) {
			return new ResponsesConversations(session, CreateResponse.builder().build());
		}

		@Bean
		ResponsesWsHealthIndicator responsesWsHealthIndicator(ResponsesSession session) {
			return new ResponsesWsHealthIndicator(session, Duration.ofSeconds(1));
		}

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationSessionObserver userObserver(ObservationRegistry registry) {
			return new ObservationSessionObserver(registry);
		}

		@Bean
		MeterSessionObserver userMeterObserver(SimpleMeterRegistry registry) {
			return new MeterSessionObserver(registry);
		}

		@Bean
		ResponsesSessionMetrics userMetrics(org.springframework.beans.factory.ObjectProvider<ResponsesSession> session) {
			return new ResponsesSessionMetrics(session);
		}

	}

}
