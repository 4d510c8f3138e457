package dev.responsesws.client.internal.response;

import dev.responsesws.client.internal.json.RawJsonSerializer;
import dev.responsesws.client.json.RawJson;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a {@link Response}, an {@link OutputItem} or a {@link ContentPart} as the JSON it was
 * received as (or built from) when an application serializes it with its own Jackson mapper:
 * the same JSON as its {@code json()}, never its record components.
 */
public final class ReceivedJsonSerializer extends ValueSerializer<Object> {

	@Override
	public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
		RawJsonSerializer.copy(raw(value), generator);
	}

	private static RawJson raw(Object value) {
		if (value instanceof Response response) {
			return response.raw();
		}
		if (value instanceof OutputItem item) {
			return item.raw();
		}
		if (value instanceof ContentPart part) {
			return part.raw();
		}
		throw new IllegalArgumentException("Not a response, an output item or a content part: " + value.getClass());
	}

}
