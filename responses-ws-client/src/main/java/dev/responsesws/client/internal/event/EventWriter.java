package dev.responsesws.client.internal.event;

import java.io.StringWriter;
import java.util.Map;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.event.ContentPartAddedEvent;
import dev.responsesws.client.event.ContentPartDoneEvent;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.FunctionCallArgumentsDeltaEvent;
import dev.responsesws.client.event.FunctionCallArgumentsDoneEvent;
import dev.responsesws.client.event.OutputItemAddedEvent;
import dev.responsesws.client.event.OutputItemDoneEvent;
import dev.responsesws.client.event.OutputTextAnnotationAddedEvent;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.OutputTextDoneEvent;
import dev.responsesws.client.event.ReasoningSummaryPartAddedEvent;
import dev.responsesws.client.event.ReasoningSummaryPartDoneEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDeltaEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDoneEvent;
import dev.responsesws.client.event.RefusalDeltaEvent;
import dev.responsesws.client.event.RefusalDoneEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseLifecycleEvent;
import dev.responsesws.client.event.UnknownEvent;
import dev.responsesws.client.event.WebSearchCallCompletedEvent;
import dev.responsesws.client.event.WebSearchCallInProgressEvent;
import dev.responsesws.client.event.WebSearchCallSearchingEvent;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.json.RawJsonSerializer;
import dev.responsesws.client.json.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes events as the JSON the server sends: {@code type}, {@code sequence_number} (unless the
 * event had none), {@code stream_id} (only on a lane), then the fields the event's record models
 * in their wire names, with the response, item, part or annotation as the JSON it was received
 * as. An
 * {@link UnknownEvent} is written as its original text, an {@link ErrorEvent} in the WebSocket
 * envelope form, or in the flat SSE form when it has neither a {@code status}, an error
 * {@code type} nor headers (what the flat form decodes to).
 *
 * <p>Fields the server sends but the records do not model are not written: the
 * {@code obfuscation} padding and the {@code logprobs} of delta and done events, and the
 * {@code response_id} some events carry. Error headers are written as strings, which is how
 * {@link ApiError#headers()} holds them.
 */
public final class EventWriter {

	private EventWriter() {
	}

	/**
	 * Return an event's wire JSON, written with the protocol's mapper.
	 * @param event the event
	 * @return the JSON text
	 */
	public static String json(ResponseEvent event) {
		if (event instanceof UnknownEvent unknown) {
			return unknown.json();
		}
		StringWriter json = new StringWriter(256);
		try (JsonGenerator generator = ProtocolJson.mapper().createGenerator(json)) {
			write(event, generator, true);
		}
		return json.toString();
	}

	/**
	 * Write an event's wire JSON to any generator, for example an application's, copying the
	 * tokens of the nested objects so that the generator's format and settings apply to them too.
	 * @param event the event
	 * @param generator the generator, where a value may be written
	 */
	public static void write(ResponseEvent event, JsonGenerator generator) {
		write(event, generator, false);
	}

	private static void write(ResponseEvent event, JsonGenerator generator, boolean rawValues) {
		if (event instanceof UnknownEvent unknown) {
			RawJsonSerializer.copy(unknown.json(), generator);
			return;
		}
		generator.writeStartObject();
		generator.writeStringProperty("type", event.type());
		if (event.sequenceNumber() != ResponseEvent.NO_SEQUENCE_NUMBER) {
			generator.writeNumberProperty("sequence_number", event.sequenceNumber());
		}
		if (event.streamId() != null) {
			generator.writeStringProperty("stream_id", event.streamId());
		}
		if (event instanceof ResponseLifecycleEvent lifecycle) {
			writeRaw("response", lifecycle.response().raw(), generator, rawValues);
		}
		else if (event instanceof OutputItemAddedEvent added) {
			generator.writeNumberProperty("output_index", added.outputIndex());
			writeRaw("item", added.item().raw(), generator, rawValues);
		}
		else if (event instanceof OutputItemDoneEvent done) {
			generator.writeNumberProperty("output_index", done.outputIndex());
			writeRaw("item", done.item().raw(), generator, rawValues);
		}
		else if (event instanceof ContentPartAddedEvent added) {
			writeIndexes(added.itemId(), added.outputIndex(), "content_index", added.contentIndex(), generator);
			writeRaw("part", added.part().raw(), generator, rawValues);
		}
		else if (event instanceof ContentPartDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), "content_index", done.contentIndex(), generator);
			writeRaw("part", done.part().raw(), generator, rawValues);
		}
		else if (event instanceof OutputTextDeltaEvent delta) {
			writeIndexes(delta.itemId(), delta.outputIndex(), "content_index", delta.contentIndex(), generator);
			generator.writeStringProperty("delta", delta.delta());
		}
		else if (event instanceof OutputTextDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), "content_index", done.contentIndex(), generator);
			generator.writeStringProperty("text", done.text());
		}
		else if (event instanceof FunctionCallArgumentsDeltaEvent delta) {
			writeIndexes(delta.itemId(), delta.outputIndex(), null, 0, generator);
			generator.writeStringProperty("delta", delta.delta());
		}
		else if (event instanceof FunctionCallArgumentsDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), null, 0, generator);
			writeOptional("name", done.name(), generator);
			generator.writeStringProperty("arguments", done.arguments());
		}
		else if (event instanceof ReasoningSummaryTextDeltaEvent delta) {
			writeIndexes(delta.itemId(), delta.outputIndex(), "summary_index", delta.summaryIndex(), generator);
			generator.writeStringProperty("delta", delta.delta());
		}
		else if (event instanceof ReasoningSummaryTextDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), "summary_index", done.summaryIndex(), generator);
			generator.writeStringProperty("text", done.text());
		}
		else if (event instanceof ReasoningSummaryPartAddedEvent added) {
			writeIndexes(added.itemId(), added.outputIndex(), "summary_index", added.summaryIndex(), generator);
			writeRaw("part", added.part().raw(), generator, rawValues);
		}
		else if (event instanceof ReasoningSummaryPartDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), "summary_index", done.summaryIndex(), generator);
			writeRaw("part", done.part().raw(), generator, rawValues);
		}
		else if (event instanceof RefusalDeltaEvent delta) {
			writeIndexes(delta.itemId(), delta.outputIndex(), "content_index", delta.contentIndex(), generator);
			generator.writeStringProperty("delta", delta.delta());
		}
		else if (event instanceof RefusalDoneEvent done) {
			writeIndexes(done.itemId(), done.outputIndex(), "content_index", done.contentIndex(), generator);
			generator.writeStringProperty("refusal", done.refusal());
		}
		else if (event instanceof OutputTextAnnotationAddedEvent added) {
			writeIndexes(added.itemId(), added.outputIndex(), "content_index", added.contentIndex(), generator);
			generator.writeNumberProperty("annotation_index", added.annotationIndex());
			writeRaw("annotation", added.annotation(), generator, rawValues);
		}
		else if (event instanceof WebSearchCallInProgressEvent search) {
			writeIndexes(search.itemId(), search.outputIndex(), null, 0, generator);
		}
		else if (event instanceof WebSearchCallSearchingEvent search) {
			writeIndexes(search.itemId(), search.outputIndex(), null, 0, generator);
		}
		else if (event instanceof WebSearchCallCompletedEvent search) {
			writeIndexes(search.itemId(), search.outputIndex(), null, 0, generator);
		}
		else if (event instanceof ErrorEvent error) {
			writeError(error, generator);
		}
		else {
			throw new IllegalArgumentException("Unknown event class " + event.getClass().getName());
		}
		generator.writeEndObject();
	}

	private static void writeIndexes(@Nullable String itemId, int outputIndex, @Nullable String indexName, int index,
			JsonGenerator generator) {
		writeOptional("item_id", itemId, generator);
		generator.writeNumberProperty("output_index", outputIndex);
		if (indexName != null) {
			generator.writeNumberProperty(indexName, index);
		}
	}

	private static void writeError(ErrorEvent event, JsonGenerator generator) {
		ApiError error = event.error();
		boolean flat = event.status() == null && error.type() == null && error.headers().isEmpty();
		if (flat) {
			writeErrorFields(error, generator);
			return;
		}
		if (event.status() != null) {
			generator.writeNumberProperty("status", event.status());
		}
		generator.writeName("error");
		generator.writeStartObject();
		writeNullable("type", error.type(), generator);
		writeErrorFields(error, generator);
		if (!error.headers().isEmpty()) {
			generator.writeName("headers");
			generator.writeStartObject();
			for (Map.Entry<String, String> header : error.headers().entrySet()) {
				generator.writeStringProperty(header.getKey(), header.getValue());
			}
			generator.writeEndObject();
		}
		generator.writeEndObject();
	}

	/** The fields both error forms carry, {@code null} included, as the server sends them. */
	private static void writeErrorFields(ApiError error, JsonGenerator generator) {
		writeNullable("code", error.code(), generator);
		writeNullable("message", error.message(), generator);
		writeNullable("param", error.param(), generator);
	}

	private static void writeNullable(String name, @Nullable String value, JsonGenerator generator) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
		else {
			generator.writeNullProperty(name);
		}
	}

	private static void writeOptional(String name, @Nullable String value, JsonGenerator generator) {
		if (value != null) {
			generator.writeStringProperty(name, value);
		}
	}

	private static void writeRaw(String name, RawJson value, JsonGenerator generator, boolean rawValues) {
		generator.writeName(name);
		if (rawValues) {
			generator.writeRawValue(value.json());
		}
		else {
			RawJsonSerializer.copy(value, generator);
		}
	}

}
