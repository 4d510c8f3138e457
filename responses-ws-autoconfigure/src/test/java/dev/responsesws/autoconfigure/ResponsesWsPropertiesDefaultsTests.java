package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.responsesws.client.session.ResponsesSessionDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties' defaults are the client's: an unset property configures the session as
 * {@link dev.responsesws.client.session.ResponsesSession#builder()} does, and the defaults the
 * configuration metadata shows are the ones that bind.
 */
class ResponsesWsPropertiesDefaultsTests {

	private static final String PREFIX = "responses.ws";

	@Test
	void unsetPropertiesHaveTheClientsDefaults() {
		ResponsesWsProperties properties = bind(Map.of());
		assertThat(properties.getBaseUrl()).isEqualTo(ResponsesSessionDefaults.BASE_URL);
		assertThat(properties.getApiKeyHeader()).isEqualTo(ResponsesSessionDefaults.API_KEY_HEADER);
		assertThat(properties.getTransport()).isEqualTo(ResponsesSessionDefaults.TRANSPORT);
		assertThat(properties.isFallbackToHttp()).isEqualTo(ResponsesSessionDefaults.FALLBACK_TO_HTTP);
		assertThat(properties.isAllowCleartext()).isEqualTo(ResponsesSessionDefaults.ALLOW_CLEARTEXT);
		ResponsesWsProperties.Pool pool = properties.getPool();
		assertThat(pool.getMinConnections()).isEqualTo(ResponsesSessionDefaults.MIN_CONNECTIONS);
		assertThat(pool.getMaxConnections()).isEqualTo(ResponsesSessionDefaults.MAX_CONNECTIONS);
		assertThat(pool.getMaxQueued()).isEqualTo(ResponsesSessionDefaults.MAX_QUEUED);
		assertThat(pool.getAcquireTimeout()).isEqualTo(ResponsesSessionDefaults.ACQUIRE_TIMEOUT);
		assertThat(properties.getLanes().getMode()).isEqualTo(ResponsesSessionDefaults.LANE_MODE);
		assertThat(properties.getLanes().getMaxTurnsPerConnection())
			.isEqualTo(ResponsesSessionDefaults.MAX_TURNS_PER_CONNECTION);
		ResponsesWsProperties.Connection connection = properties.getConnection();
		assertThat(connection.getMaxFrameSize()).isEqualTo(DataSize.ofBytes(ResponsesSessionDefaults.MAX_FRAME_SIZE));
		assertThat(connection.isCompression()).isEqualTo(ResponsesSessionDefaults.COMPRESSION);
		assertThat(connection.getConnectTimeout()).isEqualTo(ResponsesSessionDefaults.CONNECT_TIMEOUT);
		assertThat(connection.getIdleTimeout()).isEqualTo(ResponsesSessionDefaults.IDLE_TIMEOUT);
		assertThat(connection.getPingInterval()).isEqualTo(ResponsesSessionDefaults.PING_INTERVAL);
		assertThat(connection.getMaxAge()).isEqualTo(ResponsesSessionDefaults.MAX_CONNECTION_AGE);
		assertThat(connection.getCancelPolicy()).isEqualTo(ResponsesSessionDefaults.CANCEL_POLICY);
		assertThat(connection.getReconnectBackoff()).isEqualTo(ResponsesSessionDefaults.RECONNECT_BACKOFF);
		assertThat(connection.getMaxReconnectBackoff()).isEqualTo(ResponsesSessionDefaults.MAX_RECONNECT_BACKOFF);
		assertThat(properties.getShutdown().getGrace()).as("derived from the shutdown phase when not set").isNull();
	}

	@Test
	void defaultsInTheMetadataBindToTheDefaults() throws IOException {
		Map<String, String> stated = new LinkedHashMap<>();
		for (JsonNode property : ConfigurationMetadataTests.read("META-INF/spring-configuration-metadata.json")) {
			String name = property.path("name").asString();
			if (name.startsWith(PREFIX + ".") && property.has("defaultValue")) {
				stated.put(name, property.path("defaultValue").asString());
			}
		}
		assertThat(stated).containsKeys(PREFIX + ".pool.max-connections", PREFIX + ".connection.max-frame-size",
				PREFIX + ".connection.cancel-policy", PREFIX + ".transport", PREFIX + ".startup.timeout");
		assertThat(bind(stated)).usingRecursiveComparison().isEqualTo(bind(Map.of()));
	}

	private static ResponsesWsProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(PREFIX, ResponsesWsProperties.class);
	}

}
