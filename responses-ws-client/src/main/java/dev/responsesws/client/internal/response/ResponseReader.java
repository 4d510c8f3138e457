package dev.responsesws.client.internal.response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.JsonValues;
import dev.responsesws.client.internal.json.KnownStrings;
import dev.responsesws.client.internal.json.TokenValues;
import dev.responsesws.client.internal.json.TreeReader;
import dev.responsesws.client.json.RawJson;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.OtherOutputItem;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseError;
import dev.responsesws.client.response.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Binds response objects, output items and content parts in one pass over a parser's tokens:
 * the fields the library reads are typed, every other field is skipped, and each object keeps
 * its text as {@link RawJson}, so no tree is built unless the application asks for one.
 *
 * <p>A value that is not what the library expects raises {@link ProtocolDecodingException}. A
 * field read only for some item or part types (the content of a message, the arguments of a
 * function call) is only checked for those types, wherever the {@code type} field is in the
 * object.
 */
public final class ResponseReader {

	/** The item and part types the library reads, and common others. */
	private static final KnownStrings TYPES = new KnownStrings("message", "function_call", "reasoning",
			"output_text", "input_text", "refusal", "summary_text", "web_search_call", "file_search_call");

	private ResponseReader() {
	}

	/**
	 * Read a response object.
	 * @param parser the parser, on the object's first token
	 * @param slices the parser's input
	 * @return the response, the parser on the object's last token
	 */
	public static Response response(JsonParser parser, JsonSlices slices) {
		TokenValues.requireObject(parser, "response");
		long start = JsonSlices.start(parser);
		String id = null;
		String status = null;
		String model = null;
		String previousResponseId = null;
		List<OutputItem> output = List.of();
		Usage usage = Usage.ZERO;
		ResponseError error = null;
		String incompleteReason = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			switch (name) {
				case "id" -> id = TokenValues.optionalString(parser, name);
				case "status" -> status = TokenValues.optionalString(parser, name);
				case "model" -> model = TokenValues.optionalString(parser, name);
				case "previous_response_id" -> previousResponseId = TokenValues.optionalString(parser, name);
				case "output" -> output = array(parser, name, (p) -> outputItem(p, slices));
				case "usage" -> usage = TokenValues.optionalObject(parser, name) ? usage(parser) : Usage.ZERO;
				case "error" -> error = TokenValues.optionalObject(parser, name) ? error(parser) : null;
				case "incomplete_details" ->
					incompleteReason = TokenValues.optionalObject(parser, name) ? stringField(parser, "reason") : null;
				default -> parser.skipChildren();
			}
		}
		if (id == null) {
			throw JsonValues.missing("id");
		}
		return new Response(id, status, model, previousResponseId, output, usage, error, incompleteReason,
				slices.slice(start, parser));
	}

	/**
	 * Read an output item.
	 * @param parser the parser, on the object's first token
	 * @param slices the parser's input
	 * @return the typed item, {@link OtherOutputItem} for types the library does not model; the
	 * parser on the object's last token
	 */
	public static OutputItem outputItem(JsonParser parser, JsonSlices slices) {
		TokenValues.requireObject(parser, "output item");
		long start = JsonSlices.start(parser);
		ItemFields fields = new ItemFields(null);
		fields.read(parser, slices);
		RawJson raw = slices.slice(start, parser);
		if (fields.skippedBeforeType) {
			// a field that depends on the type came before it: read the item again, knowing it
			JsonSlices again = JsonSlices.of(raw);
			try (JsonParser second = again.createParser()) {
				second.nextToken();
				fields = new ItemFields(fields.type);
				fields.read(second, again);
			}
			catch (JacksonException ex) {
				throw new ProtocolDecodingException("Malformed output item: " + ex.getOriginalMessage(), null, ex);
			}
		}
		return fields.item(raw);
	}

	/**
	 * Read a content part.
	 * @param parser the parser, on the object's first token
	 * @param slices the parser's input
	 * @return the part, the parser on the object's last token
	 */
	public static ContentPart contentPart(JsonParser parser, JsonSlices slices) {
		TokenValues.requireObject(parser, "content part");
		long start = JsonSlices.start(parser);
		String type = null;
		Object text = null;
		Object refusal = null;
		long skippedText = -1;
		for (String name = parser.nextName(); ; name = parser.nextName()) {
			if (skippedText >= 0) {
				text = slices.stringBefore(skippedText, parser);
				skippedText = -1;
			}
			if (name == null) {
				break;
			}
			parser.nextToken();
			switch (name) {
				case "type" -> type = type(parser, slices, name);
				case "text" -> {
					if (parser.currentToken() == JsonToken.VALUE_STRING) {
						// the whole text of a message, possibly long: see JsonSlices.stringBefore
						skippedText = JsonSlices.start(parser);
					}
					else {
						text = deferredString(parser);
					}
				}
				case "refusal" -> refusal = deferredString(parser);
				default -> parser.skipChildren();
			}
		}
		if (type == null) {
			throw JsonValues.missing("type");
		}
		String value = switch (type) {
			case "output_text", "input_text", "summary_text" -> resolve(text, "text");
			case "refusal" -> resolve(refusal, "refusal");
			default -> null;
		};
		return new ContentPart(type, value, slices.slice(start, parser));
	}

	/**
	 * Bind JSON text with one of this class's readers; the bound objects keep slices of the text.
	 * @param <T> the bound type
	 * @param json the text
	 * @param reader the reader
	 * @return the bound value
	 * @throws ProtocolDecodingException if the text is not one JSON value the reader accepts
	 */
	public static <T> T fromJson(String json, Reader<T> reader) {
		JsonSlices slices = JsonSlices.ofText(json);
		try (JsonParser parser = slices.createParser()) {
			parser.nextToken();
			T value = reader.read(parser, slices);
			if (parser.nextToken() != null) {
				throw new ProtocolDecodingException("Unexpected content after a JSON value", json, null);
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed JSON: " + ex.getOriginalMessage(), json, ex);
		}
	}

	/**
	 * Bind a tree with one of this class's readers, for objects received as trees.
	 * @param <T> the bound type
	 * @param tree the tree
	 * @param reader the reader
	 * @return the bound value
	 */
	public static <T> T fromTree(JsonNode tree, Reader<T> reader) {
		JsonSlices slices = JsonSlices.of(RawJson.of(tree));
		try (JsonParser parser = slices.createParser()) {
			parser.nextToken();
			return reader.read(parser, slices);
		}
		catch (JacksonException ex) {
			throw new ProtocolDecodingException("Malformed JSON: " + ex.getOriginalMessage(), null, ex);
		}
	}

	public static Usage usage(JsonParser parser) {
		long input = 0;
		long cached = 0;
		long output = 0;
		long reasoning = 0;
		Long total = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			switch (name) {
				case "input_tokens" -> input = TokenValues.optionalLong(parser, name, 0);
				case "output_tokens" -> output = TokenValues.optionalLong(parser, name, 0);
				case "total_tokens" -> total = (parser.currentToken() == JsonToken.VALUE_NULL) ? null
						: TokenValues.optionalLong(parser, name, 0);
				case "input_tokens_details" -> cached = detail(parser, name, "cached_tokens");
				case "output_tokens_details" -> reasoning = detail(parser, name, "reasoning_tokens");
				default -> parser.skipChildren();
			}
		}
		return new Usage(input, cached, output, reasoning, (total != null) ? total : input + output);
	}

	public static ResponseError error(JsonParser parser) {
		String code = null;
		String message = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			switch (name) {
				case "code" -> code = TokenValues.optionalString(parser, name);
				case "message" -> message = TokenValues.optionalString(parser, name);
				default -> parser.skipChildren();
			}
		}
		return new ResponseError(code, message);
	}

	/**
	 * Read the one string field of an object the library reads, skipping the others.
	 * @param parser the parser, on the object's first token
	 * @param field the field's name
	 * @return the field's value, or {@code null} when absent or {@code null}
	 */
	private static @Nullable String stringField(JsonParser parser, String field) {
		String value = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			if (field.equals(name)) {
				value = TokenValues.optionalString(parser, name);
			}
			else {
				parser.skipChildren();
			}
		}
		return value;
	}

	private static long detail(JsonParser parser, String field, String detail) {
		long value = 0;
		if (!TokenValues.optionalObject(parser, field)) {
			return value;
		}
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			if (detail.equals(name)) {
				value = TokenValues.optionalLong(parser, name, 0);
			}
			else {
				parser.skipChildren();
			}
		}
		return value;
	}

	static <T> List<T> array(JsonParser parser, String field, Function<JsonParser, T> element) {
		if (!TokenValues.optionalArray(parser, field)) {
			return List.of();
		}
		List<T> values = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			values.add(element.apply(parser));
		}
		return Collections.unmodifiableList(values);
	}

	private static @Nullable String type(JsonParser parser, JsonSlices slices, String field) {
		return (parser.currentToken() == JsonToken.VALUE_STRING) ? TYPES.read(parser, slices)
				: TokenValues.optionalString(parser, field);
	}

	/**
	 * Read a string whose type is only checked if it is used: a string, {@code null}, or a
	 * {@link WrongType} for {@link #resolve(Object, String)} to report.
	 */
	static @Nullable Object deferredString(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return TreeReader.string(parser);
		}
		parser.skipChildren();
		return (token == JsonToken.VALUE_NULL) ? null : new WrongType(token);
	}

	static @Nullable String resolve(@Nullable Object value, String field) {
		if (value instanceof WrongType wrong) {
			throw TokenValues.wrongType(field, "a string", wrong.token());
		}
		return (String) value;
	}

	/**
	 * Reads one value from a parser.
	 *
	 * @param <T> the value type
	 */
	@FunctionalInterface
	public interface Reader<T> {

		T read(JsonParser parser, JsonSlices slices);

	}

	private record WrongType(JsonToken token) {
	}

	/** The fields of an output item, whichever type it turns out to be. */
	private static final class ItemFields {

		@Nullable String type;

		boolean skippedBeforeType;

		private @Nullable Object id;

		private @Nullable Object role;

		private @Nullable Object status;

		private @Nullable Object callId;

		private @Nullable Object name;

		private @Nullable Object arguments;

		private List<ContentPart> content = List.of();

		private List<String> summary = List.of();

		ItemFields(@Nullable String type) {
			this.type = type;
		}

		void read(JsonParser parser, JsonSlices slices) {
			long skippedArguments = -1;
			for (String field = parser.nextName(); ; field = parser.nextName()) {
				if (skippedArguments >= 0) {
					this.arguments = slices.stringBefore(skippedArguments, parser);
					skippedArguments = -1;
				}
				if (field == null) {
					break;
				}
				parser.nextToken();
				switch (field) {
					case "type" -> this.type = type(parser, slices, field);
					case "id" -> this.id = deferredString(parser);
					case "role" -> this.role = deferredString(parser);
					case "status" -> this.status = deferredString(parser);
					case "call_id" -> this.callId = deferredString(parser);
					case "name" -> this.name = deferredString(parser);
					case "arguments" -> {
						if (parser.currentToken() == JsonToken.VALUE_STRING) {
							// possibly long: see JsonSlices.stringBefore
							skippedArguments = JsonSlices.start(parser);
						}
						else {
							this.arguments = deferredString(parser);
						}
					}
					case "content" -> {
						if (typeIs("message", parser)) {
							this.content = array(parser, field, (p) -> contentPart(p, slices));
						}
					}
					case "summary" -> {
						if (typeIs("reasoning", parser)) {
							this.summary = array(parser, field, ResponseReader::summaryText);
						}
					}
					default -> parser.skipChildren();
				}
			}
		}

		/**
		 * Tell whether the item is known to be of the type; skip the value otherwise, noting when
		 * that was only because the type was not known yet.
		 */
		private boolean typeIs(String expected, JsonParser parser) {
			if (expected.equals(this.type)) {
				return true;
			}
			if (this.type == null) {
				this.skippedBeforeType = true;
			}
			parser.skipChildren();
			return false;
		}

		OutputItem item(RawJson raw) {
			String type = this.type;
			if (type == null) {
				throw JsonValues.missing("type");
			}
			String id = resolve(this.id, "id");
			return switch (type) {
				case "message" -> {
					String role = resolve(this.role, "role");
					yield new OutputMessage(id, (role != null) ? role : "assistant", resolve(this.status, "status"),
							this.content, raw);
				}
				case "function_call" -> {
					String arguments = resolve(this.arguments, "arguments");
					yield new FunctionCall(id, required(this.callId, "call_id"), required(this.name, "name"),
							(arguments != null) ? arguments : "", resolve(this.status, "status"), raw);
				}
				case "reasoning" -> new ReasoningItem(id, this.summary, raw);
				default -> new OtherOutputItem(type, id, raw);
			};
		}

		private static String required(@Nullable Object value, String field) {
			String string = resolve(value, field);
			if (string == null) {
				throw JsonValues.missing(field);
			}
			return string;
		}

	}

	private static String summaryText(JsonParser parser) {
		TokenValues.requireObject(parser, "summary part");
		String text = stringField(parser, "text");
		return (text != null) ? text : "";
	}

}
