package dev.responsesws.conformance;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponsesServerEvent;

/**
 * The conformance check: a frame binds to the official openai-java event of its type (one of
 * the typed variants of the union, not the unknown one) and passes that model's
 * {@code validate()}, which fails when a field the API always sends is missing or has the wrong
 * type. WebSocket frames bind to {@link ResponsesServerEvent} (which has the WebSocket error
 * envelope), server-sent events to {@link ResponseStreamEvent}.
 */
final class OfficialEvents {

	private OfficialEvents() {
	}

	/**
	 * Check a WebSocket frame.
	 * @param json the frame
	 * @return the bound event
	 * @throws AssertionError if the frame does not conform
	 */
	static ResponsesServerEvent checkWebSocketFrame(String json) {
		ResponsesServerEvent event = bind(json, ResponsesServerEvent.class);
		requireTypedVariant(event, json);
		try {
			event.validate();
		}
		catch (OpenAIInvalidDataException ex) {
			throw new AssertionError("Frame fails openai-java's validation (" + ex.getMessage() + "): " + json, ex);
		}
		return event;
	}

	/**
	 * Check the data of a server-sent event.
	 * @param json the event's data
	 * @return the bound event
	 * @throws AssertionError if the event does not conform
	 */
	static ResponseStreamEvent checkStreamEvent(String json) {
		ResponseStreamEvent event = bind(json, ResponseStreamEvent.class);
		requireTypedVariant(event, json);
		try {
			event.validate();
		}
		catch (OpenAIInvalidDataException ex) {
			throw new AssertionError("Event fails openai-java's validation (" + ex.getMessage() + "): " + json, ex);
		}
		return event;
	}

	private static <T> T bind(String json, Class<T> type) {
		try {
			return ObjectMappers.jsonMapper().readValue(json, type);
		}
		catch (JsonProcessingException | RuntimeException ex) {
			throw new AssertionError("Frame does not bind to " + type.getSimpleName() + ": " + json, ex);
		}
	}

	/** Exactly one {@code isXxx()} of the union is true; none is for the unknown variant. */
	private static void requireTypedVariant(Object union, String json) {
		List<String> variants = new ArrayList<>();
		for (Method method : union.getClass().getMethods()) {
			if (method.getName().startsWith("is") && !method.getName().equals("isValid")
					&& method.getParameterCount() == 0 && method.getReturnType() == boolean.class) {
				try {
					if ((boolean) method.invoke(union)) {
						variants.add(method.getName());
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		if (variants.size() != 1) {
			throw new AssertionError("Frame binds to the variants " + variants + " of "
					+ union.getClass().getSimpleName() + ", not to exactly one typed event: " + json);
		}
	}

}
