package dev.responsesws.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata an IDE shows: every key has a description, and a default
 * wherever one exists.
 */
class ConfigurationMetadataTests {

	private static final Set<String> WITHOUT_DEFAULT = Set.of("responses.ws.api-key", "responses.ws.model",
			"responses.ws.instructions", "responses.ws.organization", "responses.ws.project", "responses.ws.headers");

	@Test
	void everyKeyHasADescriptionAndADefaultWhereOneExists() throws IOException {
		List<JsonNode> properties = new ArrayList<>();
		properties.addAll(read("META-INF/spring-configuration-metadata.json"));
		properties.addAll(read("META-INF/additional-spring-configuration-metadata.json"));
		Set<String> withoutDefault = new TreeSet<>();
		Set<String> names = new TreeSet<>();
		for (JsonNode property : properties) {
			String name = property.path("name").asString();
			names.add(name);
			assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
			if (!property.has("defaultValue")) {
				withoutDefault.add(name);
			}
		}
		assertThat(withoutDefault).containsExactlyInAnyOrderElementsOf(WITHOUT_DEFAULT);
		assertThat(names).contains("management.health.responses-ws.enabled", "responses.ws.base-url",
				"responses.ws.connection.max-frame-size", "responses.ws.pool.max-connections");
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
