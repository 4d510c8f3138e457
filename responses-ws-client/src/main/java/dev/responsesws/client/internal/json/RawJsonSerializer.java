package dev.responsesws.client.internal.json;

import dev.responsesws.client.json.RawJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a {@link RawJson} as the JSON value it holds when an application serializes it with its
 * own Jackson mapper. The value's tokens are copied to the application's generator, so the
 * result is the same JSON in whatever format and with whatever output settings the application
 * uses (indentation, escaping, a tree from {@code valueToTree}).
 */
public final class RawJsonSerializer extends ValueSerializer<RawJson> {

	@Override
	public void serialize(RawJson value, JsonGenerator generator, SerializationContext context) {
		copy(value, generator);
	}

	/**
	 * Copy a value's tokens to a generator, without building its tree.
	 * @param value the value
	 * @param generator the generator, where a value may be written
	 */
	public static void copy(RawJson value, JsonGenerator generator) {
		JsonSlices slices = JsonSlices.of(value);
		try (JsonParser parser = slices.createParser()) {
			parser.nextToken();
			generator.copyCurrentStructureExact(parser);
		}
	}

	/**
	 * Copy the tokens of JSON text to a generator, without building its tree.
	 * @param json the text of one JSON value
	 * @param generator the generator, where a value may be written
	 */
	public static void copy(String json, JsonGenerator generator) {
		try (JsonParser parser = JsonSlices.ofText(json).createParser()) {
			parser.nextToken();
			generator.copyCurrentStructureExact(parser);
		}
	}

}
