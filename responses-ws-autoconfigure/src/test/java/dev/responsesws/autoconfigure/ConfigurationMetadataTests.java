package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata an IDE shows: every key has a description, and a default
 * wherever one exists. A key may be described in both files, as the processor merges them: the
 * additional file states the defaults the processor cannot read from the properties class.
 */
class ConfigurationMetadataTests {

	private static final Set<String> WITHOUT_DEFAULT = Set.of("responses.ws.api-key", "responses.ws.model",
			"responses.ws.instructions", "responses.ws.organization", "responses.ws.project", "responses.ws.headers",
			"responses.ws.shutdown.grace", "responses.ws.pool.chain-max-delay");

	@Test
	void everyKeyHasADescriptionAndADefaultWhereOneExists() throws IOException {
		List<JsonNode> properties = new ArrayList<>();
		properties.addAll(read("META-INF/spring-configuration-metadata.json"));
		properties.addAll(read("META-INF/additional-spring-configuration-metadata.json"));
		Set<String> names = new TreeSet<>();
		Set<String> described = new TreeSet<>();
		Set<String> withDefault = new TreeSet<>();
		for (JsonNode property : properties) {
			String name = property.path("name").asString();
			names.add(name);
			if (!property.path("description").asString("").isBlank()) {
				described.add(name);
			}
			if (property.has("defaultValue")) {
				withDefault.add(name);
			}
		}
		Set<String> withoutDefault = new TreeSet<>(names);
		withoutDefault.removeAll(withDefault);
		assertThat(described).as("keys with a description").containsExactlyInAnyOrderElementsOf(names);
		assertThat(withoutDefault).containsExactlyInAnyOrderElementsOf(WITHOUT_DEFAULT);
		assertThat(names).contains("management.health.responses-ws.enabled", "responses.ws.base-url",
				"responses.ws.connection.max-frame-size", "responses.ws.pool.max-connections");
	}

	@Test
	void rangesCheckedAtStartupAreInTheDescriptions() throws IOException {
		Map<String, String> ranges = Map.ofEntries(Map.entry("responses.ws.pool.min-connections", "between 0 and pool.max-connections"),
				Map.entry("responses.ws.pool.max-connections", "at least 1"),
				Map.entry("responses.ws.pool.max-queued", "at least 0"),
				Map.entry("responses.ws.pool.acquire-timeout", "longer than 0"),
				Map.entry("responses.ws.pool.chain-continuation", "0 or longer"),
				Map.entry("responses.ws.pool.chain-max-delay", "longer than 0 and shorter than the acquire timeout"),
				Map.entry("responses.ws.lanes.max-turns-per-connection", "between 1 and 16"),
				Map.entry("responses.ws.connection.max-frame-size", "between 1KB and 2GB less one byte"),
				Map.entry("responses.ws.connection.connect-timeout", "longer than 0"),
				Map.entry("responses.ws.connection.idle-timeout", "longer than 0"),
				Map.entry("responses.ws.connection.ping-interval", "0 for none"),
				Map.entry("responses.ws.connection.max-age", "longer than 0"),
				Map.entry("responses.ws.connection.reconnect-backoff", "longer than 0"),
				Map.entry("responses.ws.connection.max-reconnect-backoff", "at least connection.reconnect-backoff"),
				Map.entry("responses.ws.startup.timeout", "longer than 0"),
				Map.entry("responses.ws.health.probe-ttl", "0 or longer"));
		Map<String, String> descriptions = new TreeMap<>();
		for (JsonNode property : read("META-INF/spring-configuration-metadata.json")) {
			descriptions.put(property.path("name").asString(), property.path("description").asString(""));
		}
		ranges.forEach((name, range) -> assertThat(descriptions.get(name)).as(name).contains(range));
	}

	static List<JsonNode> read(String resource) throws IOException {
		try (InputStream input = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(input).as(resource).isNotNull();
			List<JsonNode> properties = new ArrayList<>();
			JsonMapper.shared().readTree(input).path("properties").forEach(properties::add);
			return properties;
		}
	}

}
