package dev.responsesws.client.internal.event;

import dev.responsesws.client.event.ResponseEvent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Makes an application's Jackson mapper write an event as its wire JSON, the same JSON as
 * {@link ResponseEvent#json()}, instead of its record components.
 */
public final class EventSerializer extends ValueSerializer<ResponseEvent> {

	@Override
	public void serialize(ResponseEvent event, JsonGenerator generator, SerializationContext context) {
		EventWriter.write(event, generator);
	}

}
