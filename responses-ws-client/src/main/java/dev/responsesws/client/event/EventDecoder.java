package dev.responsesws.client.event;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Decodes server events, one JSON object per WebSocket text frame or SSE {@code data} field.
 *
 * <p>Decoding is a single streaming pass: the top-level fields are read as tokens, only the
 * nested objects the event type needs (the response, the item, the part, the error) are bound,
 * and other fields are skipped. No tree is built except for an error: responses, items, parts
 * and annotations keep their text as {@link dev.responsesws.client.json.RawJson} and build their tree only when
 * asked. Events of types the library does not model become {@link UnknownEvent}s holding the
 * original text.
 *
 * <p>Any input that cannot be decoded (not JSON, trailing content, not an object, no
 * {@code type}, a read field of the wrong type, over the limits of
 * {@link dev.responsesws.client.internal.json.ProtocolJson}) raises {@link ProtocolDecodingException} and
 * nothing else. Instances are stateless and thread-safe.
 */
public final class EventDecoder {

	/**
	 * Decode one event.
	 * @param json the event text
	 * @return the event
	 * @throws ProtocolDecodingException if the text is not a valid event
	 */
	public ResponseEvent decode(String json) {
		JsonSlices slices = JsonSlices.ofText(json);
		try (JsonParser parser = slices.createParser()) {
			return decode(parser, slices, () -> json);
		}
		catch (JacksonException ex) {
			throw malformed(ex, json);
		}
		catch (ProtocolDecodingException ex) {
			throw withExcerpt(ex, json);
		}
	}

	/**
	 * Decode one event from UTF-8 bytes, for example the content of a WebSocket text frame.
	 * @param utf8 the buffer
	 * @param offset where the event starts
	 * @param length the number of bytes
	 * @return the event
	 * @throws ProtocolDecodingException if the bytes are not a valid event
	 */
	public ResponseEvent decode(byte[] utf8, int offset, int length) {
		Supplier<String> text = () -> new String(utf8, offset, length, StandardCharsets.UTF_8);
		JsonSlices slices = JsonSlices.ofUtf8(utf8, offset, length);
		try (JsonParser parser = slices.createParser()) {
			return decode(parser, slices, text);
		}
		catch (JacksonException ex) {
			throw malformed(ex, text.get());
		}
		catch (ProtocolDecodingException ex) {
			throw withExcerpt(ex, text.get());
		}
	}

	private ResponseEvent decode(JsonParser parser, JsonSlices slices, Supplier<String> text) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new ProtocolDecodingException("An event must be a JSON object", null, null);
		}
		EventFields fields = new EventFields(slices);
		for (String name = parser.nextName(); ; name = parser.nextName()) {
			fields.readSkippedString(parser);
			if (name == null) {
				break;
			}
			fields.read(name, parser.nextToken(), parser);
		}
		if (parser.nextToken() != null) {
			throw new ProtocolDecodingException("Unexpected content after the event object", null, null);
		}
		String type = fields.type;
		if (type == null) {
			throw JsonValues.missing("type");
		}
		return create(type, fields, text);
	}

	private static ResponseEvent create(String type, EventFields f, Supplier<String> text) {
		long seq = f.sequenceNumber;
		String lane = f.streamId;
		return switch (type) {
			case OutputTextDeltaEvent.TYPE -> new OutputTextDeltaEvent(seq, lane, f.optionalString(EventFields.ITEM_ID),
					f.index(EventFields.OUTPUT_INDEX), f.index(EventFields.CONTENT_INDEX), f.string(EventFields.DELTA));
			case FunctionCallArgumentsDeltaEvent.TYPE -> new FunctionCallArgumentsDeltaEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.string(EventFields.DELTA));
			case ReasoningSummaryTextDeltaEvent.TYPE -> new ReasoningSummaryTextDeltaEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.SUMMARY_INDEX), f.string(EventFields.DELTA));
			case OutputTextDoneEvent.TYPE -> new OutputTextDoneEvent(seq, lane, f.optionalString(EventFields.ITEM_ID),
					f.index(EventFields.OUTPUT_INDEX), f.index(EventFields.CONTENT_INDEX), f.string(EventFields.TEXT));
			case FunctionCallArgumentsDoneEvent.TYPE -> new FunctionCallArgumentsDoneEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.optionalString(EventFields.NAME), f.string(EventFields.ARGUMENTS));
			case ReasoningSummaryTextDoneEvent.TYPE -> new ReasoningSummaryTextDoneEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.SUMMARY_INDEX), f.string(EventFields.TEXT));
			case OutputItemAddedEvent.TYPE -> new OutputItemAddedEvent(seq, lane, f.index(EventFields.OUTPUT_INDEX),
					f.item());
			case OutputItemDoneEvent.TYPE -> new OutputItemDoneEvent(seq, lane, f.index(EventFields.OUTPUT_INDEX),
					f.item());
			case ContentPartAddedEvent.TYPE -> new ContentPartAddedEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.CONTENT_INDEX), f.part());
			case ContentPartDoneEvent.TYPE -> new ContentPartDoneEvent(seq, lane, f.optionalString(EventFields.ITEM_ID),
					f.index(EventFields.OUTPUT_INDEX), f.index(EventFields.CONTENT_INDEX),
					f.part());
			case ResponseCreatedEvent.TYPE -> new ResponseCreatedEvent(seq, lane, f.response());
			case ResponseQueuedEvent.TYPE -> new ResponseQueuedEvent(seq, lane, f.response());
			case ResponseInProgressEvent.TYPE -> new ResponseInProgressEvent(seq, lane, f.response());
			case ResponseCompletedEvent.TYPE -> new ResponseCompletedEvent(seq, lane, f.response());
			case ResponseFailedEvent.TYPE -> new ResponseFailedEvent(seq, lane, f.response());
			case ResponseIncompleteEvent.TYPE -> new ResponseIncompleteEvent(seq, lane, f.response());
			case ResponseDoneEvent.TYPE -> new ResponseDoneEvent(seq, lane, f.response());
			case ErrorEvent.TYPE -> new ErrorEvent(seq, lane, f.optionalInt(EventFields.STATUS), apiError(f));
			case ReasoningSummaryPartAddedEvent.TYPE -> new ReasoningSummaryPartAddedEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.SUMMARY_INDEX), f.part());
			case ReasoningSummaryPartDoneEvent.TYPE -> new ReasoningSummaryPartDoneEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.SUMMARY_INDEX), f.part());
			case RefusalDeltaEvent.TYPE -> new RefusalDeltaEvent(seq, lane, f.optionalString(EventFields.ITEM_ID),
					f.index(EventFields.OUTPUT_INDEX), f.index(EventFields.CONTENT_INDEX), f.string(EventFields.DELTA));
			case RefusalDoneEvent.TYPE -> new RefusalDoneEvent(seq, lane, f.optionalString(EventFields.ITEM_ID),
					f.index(EventFields.OUTPUT_INDEX), f.index(EventFields.CONTENT_INDEX),
					f.string(EventFields.REFUSAL));
			case OutputTextAnnotationAddedEvent.TYPE -> new OutputTextAnnotationAddedEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX),
					f.index(EventFields.CONTENT_INDEX), f.index(EventFields.ANNOTATION_INDEX), f.annotation());
			case WebSearchCallInProgressEvent.TYPE -> new WebSearchCallInProgressEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX));
			case WebSearchCallSearchingEvent.TYPE -> new WebSearchCallSearchingEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX));
			case WebSearchCallCompletedEvent.TYPE -> new WebSearchCallCompletedEvent(seq, lane,
					f.optionalString(EventFields.ITEM_ID), f.index(EventFields.OUTPUT_INDEX));
			default -> new UnknownEvent(type, seq, lane, text.get());
		};
	}

	private static ApiError apiError(EventFields fields) {
		JsonNode error = fields.optionalError();
		if (error != null) {
			return new ApiError(JsonValues.optionalString(error, "type"), JsonValues.optionalString(error, "code"),
					JsonValues.optionalString(error, "message"), JsonValues.optionalString(error, "param"),
					JsonValues.optionalStringMap(error, "headers"));
		}
		return new ApiError(null, fields.optionalString(EventFields.CODE), fields.optionalString(EventFields.MESSAGE),
				fields.optionalString(EventFields.PARAM), java.util.Map.of());
	}

	private static ProtocolDecodingException malformed(JacksonException ex, @Nullable String text) {
		return new ProtocolDecodingException("Malformed event JSON: " + ex.getOriginalMessage(), text, ex);
	}

	private static ProtocolDecodingException withExcerpt(ProtocolDecodingException ex, String text) {
		if (!ex.excerpt().isEmpty()) {
			return ex;
		}
		return new ProtocolDecodingException(ex.getMessage(), text, ex);
	}

}
