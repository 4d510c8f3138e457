package dev.responsesws.client.event;

import java.util.function.BiFunction;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.JsonValues;
import dev.responsesws.client.internal.json.KnownStrings;
import dev.responsesws.client.internal.json.TreeReader;
import dev.responsesws.client.internal.response.ResponseReader;
import dev.responsesws.client.json.RawJson;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The top-level fields of one event, collected in a single pass over the parser. Scalars the
 * library reads are kept as values; the response, item or part the event type reads is bound by
 * {@link ResponseReader}, the error of an error event to a tree; everything else is skipped. A
 * field whose JSON type is not the expected one is remembered and only reported if the event type
 * actually reads it, so unknown event types with differently shaped fields still decode.
 */
final class EventFields {

	static final int DELTA = 0;

	static final int TEXT = 1;

	static final int ARGUMENTS = 2;

	static final int NAME = 3;

	static final int ITEM_ID = 4;

	static final int CODE = 5;

	static final int MESSAGE = 6;

	static final int PARAM = 7;

	static final int REFUSAL = 8;

	static final int OUTPUT_INDEX = 9;

	static final int CONTENT_INDEX = 10;

	static final int SUMMARY_INDEX = 11;

	static final int STATUS = 12;

	static final int ANNOTATION_INDEX = 13;

	static final int RESPONSE = 14;

	static final int ITEM = 15;

	static final int PART = 16;

	static final int ERROR = 17;

	static final int ANNOTATION = 18;

	private static final String[] NAMES = { "delta", "text", "arguments", "name", "item_id", "code", "message",
			"param", "refusal", "output_index", "content_index", "summary_index", "status", "annotation_index",
			"response", "item", "part", "error", "annotation" };

	private static final String[] EXPECTED = { "a string", "a string", "a string", "a string", "a string",
			"a string", "a string", "a string", "a string", "an integer", "an integer", "an integer", "an integer",
			"an integer", "an object", "an object", "an object", "an object", "an object" };

	private static final KnownStrings TYPES = new KnownStrings(OutputTextDeltaEvent.TYPE,
			FunctionCallArgumentsDeltaEvent.TYPE, ReasoningSummaryTextDeltaEvent.TYPE, OutputTextDoneEvent.TYPE,
			FunctionCallArgumentsDoneEvent.TYPE, ReasoningSummaryTextDoneEvent.TYPE, OutputItemAddedEvent.TYPE,
			OutputItemDoneEvent.TYPE, ContentPartAddedEvent.TYPE, ContentPartDoneEvent.TYPE, ResponseCreatedEvent.TYPE,
			ResponseQueuedEvent.TYPE, ResponseInProgressEvent.TYPE, ResponseCompletedEvent.TYPE,
			ResponseFailedEvent.TYPE, ResponseIncompleteEvent.TYPE, ResponseDoneEvent.TYPE, ErrorEvent.TYPE,
			ReasoningSummaryPartAddedEvent.TYPE, ReasoningSummaryPartDoneEvent.TYPE, RefusalDeltaEvent.TYPE,
			RefusalDoneEvent.TYPE, OutputTextAnnotationAddedEvent.TYPE, WebSearchCallInProgressEvent.TYPE,
			WebSearchCallSearchingEvent.TYPE, WebSearchCallCompletedEvent.TYPE);

	@Nullable String type;

	long sequenceNumber = ResponseEvent.NO_SEQUENCE_NUMBER;

	@Nullable String streamId;

	private final @Nullable String[] strings = new String[OUTPUT_INDEX];

	private final long[] numbers = new long[RESPONSE - OUTPUT_INDEX];

	/**
	 * The objects: a bound {@code Response}, {@code OutputItem} or {@code ContentPart}, the
	 * error's tree, or the object's text (an annotation's always, the others' when they came
	 * before the type).
	 */
	private final @Nullable Object[] objects = new Object[ANNOTATION - RESPONSE + 1];

	private final JsonSlices slices;

	/** A long text left for the parser to skip, read by {@link #readSkippedString(JsonParser)}. */
	private int skippedField = -1;

	private long skippedStart;

	private int present;

	private int wrongType;

	EventFields(JsonSlices slices) {
		this.slices = slices;
	}

	void read(String name, JsonToken token, JsonParser parser) {
		switch (name) {
			case "type" -> this.type = (token == JsonToken.VALUE_STRING) ? TYPES.read(parser, this.slices)
					: readTopLevelString(name, token, parser);
			case "sequence_number" -> this.sequenceNumber = readTopLevelLong(name, token, parser);
			case "stream_id" -> this.streamId = readTopLevelString(name, token, parser);
			case "delta" -> readString(DELTA, token, parser);
			case "text" -> readString(TEXT, token, parser);
			case "arguments" -> readString(ARGUMENTS, token, parser);
			case "name" -> readString(NAME, token, parser);
			case "item_id" -> readString(ITEM_ID, token, parser);
			case "code" -> readString(CODE, token, parser);
			case "message" -> readString(MESSAGE, token, parser);
			case "param" -> readString(PARAM, token, parser);
			case "refusal" -> readString(REFUSAL, token, parser);
			case "output_index" -> readNumber(OUTPUT_INDEX, token, parser);
			case "content_index" -> readNumber(CONTENT_INDEX, token, parser);
			case "summary_index" -> readNumber(SUMMARY_INDEX, token, parser);
			case "status" -> readNumber(STATUS, token, parser);
			case "annotation_index" -> readNumber(ANNOTATION_INDEX, token, parser);
			case "response" -> readObject(RESPONSE, token, parser);
			case "item" -> readObject(ITEM, token, parser);
			case "part" -> readObject(PART, token, parser);
			case "error" -> readObject(ERROR, token, parser);
			case "annotation" -> readObject(ANNOTATION, token, parser);
			default -> parser.skipChildren();
		}
	}

	boolean has(int field) {
		return (this.present & (1 << field)) != 0;
	}

	@Nullable String optionalString(int field) {
		checkType(field);
		return this.strings[field];
	}

	String string(int field) {
		String value = optionalString(field);
		if (value == null) {
			throw JsonValues.missing(NAMES[field]);
		}
		return value;
	}

	int index(int field) {
		checkType(field);
		if (!has(field)) {
			return 0;
		}
		long value = this.numbers[field - OUTPUT_INDEX];
		if (value < 0 || value > Integer.MAX_VALUE) {
			throw new dev.responsesws.client.error.ProtocolDecodingException(
					"Field '" + NAMES[field] + "' is out of range: " + value, null, null);
		}
		return (int) value;
	}

	@Nullable Integer optionalInt(int field) {
		checkType(field);
		if (!has(field)) {
			return null;
		}
		long value = this.numbers[field - OUTPUT_INDEX];
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw new dev.responsesws.client.error.ProtocolDecodingException(
					"Field '" + NAMES[field] + "' is out of range: " + value, null, null);
		}
		return (int) value;
	}

	Response response() {
		return object(RESPONSE, Response.class, ResponseReader::response);
	}

	OutputItem item() {
		return object(ITEM, OutputItem.class, ResponseReader::outputItem);
	}

	ContentPart part() {
		return object(PART, ContentPart.class, ResponseReader::contentPart);
	}

	RawJson annotation() {
		checkType(ANNOTATION);
		Object annotation = this.objects[ANNOTATION - RESPONSE];
		if (annotation == null) {
			throw JsonValues.missing(NAMES[ANNOTATION]);
		}
		return (RawJson) annotation;
	}

	@Nullable JsonNode optionalError() {
		checkType(ERROR);
		Object error = this.objects[ERROR - RESPONSE];
		if (error instanceof RawJson raw) {
			return raw.tree();
		}
		return (JsonNode) error;
	}

	private <T> T object(int field, Class<T> type, BiFunction<JsonParser, JsonSlices, T> reader) {
		checkType(field);
		Object value = this.objects[field - RESPONSE];
		if (value == null) {
			throw JsonValues.missing(NAMES[field]);
		}
		if (value instanceof RawJson raw) {
			JsonSlices again = JsonSlices.of(raw);
			try (JsonParser parser = again.createParser()) {
				parser.nextToken();
				return reader.apply(parser, again);
			}
		}
		return type.cast(value);
	}

	private void checkType(int field) {
		if ((this.wrongType & (1 << field)) != 0) {
			throw JsonValues.wrongType(NAMES[field], EXPECTED[field], null);
		}
	}

	/**
	 * Read the long text the parser skipped, if any: call it after each {@code nextName()}, the
	 * last one included.
	 */
	void readSkippedString(JsonParser parser) {
		if (this.skippedField >= 0) {
			this.strings[this.skippedField] = this.slices.stringBefore(this.skippedStart, parser);
			this.present |= 1 << this.skippedField;
			this.skippedField = -1;
		}
	}

	private void readString(int field, JsonToken token, JsonParser parser) {
		if (token == JsonToken.VALUE_STRING && (field == TEXT || field == ARGUMENTS)) {
			// the whole text or arguments of an item, possibly long: see JsonSlices.stringBefore
			this.skippedField = field;
			this.skippedStart = JsonSlices.start(parser);
		}
		else if (token == JsonToken.VALUE_STRING) {
			this.strings[field] = TreeReader.string(parser);
			this.present |= 1 << field;
		}
		else if (token != JsonToken.VALUE_NULL) {
			markWrongType(field, parser);
		}
	}

	private void readNumber(int field, JsonToken token, JsonParser parser) {
		if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			this.numbers[field - OUTPUT_INDEX] = parser.getLongValue();
			this.present |= 1 << field;
		}
		else if (token != JsonToken.VALUE_NULL) {
			markWrongType(field, parser);
		}
	}

	private void readObject(int field, JsonToken token, JsonParser parser) {
		if (token == JsonToken.START_OBJECT && (this.type == null || (field == ANNOTATION && needed(field)))) {
			long start = JsonSlices.start(parser);
			parser.skipChildren();
			this.objects[field - RESPONSE] = this.slices.slice(start, parser);
			this.present |= 1 << field;
		}
		else if (token == JsonToken.START_OBJECT && needed(field)) {
			this.objects[field - RESPONSE] = switch (field) {
				case RESPONSE -> ResponseReader.response(parser, this.slices);
				case ITEM -> ResponseReader.outputItem(parser, this.slices);
				case PART -> ResponseReader.contentPart(parser, this.slices);
				default -> TreeReader.read(parser);
			};
			this.present |= 1 << field;
		}
		else if (token == JsonToken.START_OBJECT) {
			parser.skipChildren();
		}
		else if (token != JsonToken.VALUE_NULL) {
			markWrongType(field, parser);
		}
	}

	/**
	 * Only bind an object when the event type reads it. Servers send {@code type} first; an
	 * object that comes before it is kept as text and bound if the type turns out to read it. An
	 * annotation is never bound: it is kept as text.
	 */
	private boolean needed(int field) {
		String type = java.util.Objects.requireNonNull(this.type);
		return switch (field) {
			case RESPONSE -> type.startsWith("response.") && type.indexOf('.', 9) < 0;
			case ITEM -> type.startsWith("response.output_item.");
			case PART -> type.startsWith("response.content_part.")
					|| type.startsWith("response.reasoning_summary_part.");
			case ERROR -> ErrorEvent.TYPE.equals(type);
			case ANNOTATION -> OutputTextAnnotationAddedEvent.TYPE.equals(type);
			default -> false;
		};
	}

	private void markWrongType(int field, JsonParser parser) {
		this.wrongType |= 1 << field;
		parser.skipChildren();
	}

	private static @Nullable String readTopLevelString(String name, JsonToken token, JsonParser parser) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		throw JsonValues.wrongType(name, "a string", null);
	}

	private static long readTopLevelLong(String name, JsonToken token, JsonParser parser) {
		if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NULL) {
			return ResponseEvent.NO_SEQUENCE_NUMBER;
		}
		throw JsonValues.wrongType(name, "an integer", null);
	}

}
