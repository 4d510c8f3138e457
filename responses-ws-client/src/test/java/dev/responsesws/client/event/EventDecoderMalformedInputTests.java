package dev.responsesws.client.event;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Input that is not a valid event raises {@link ProtocolDecodingException} and nothing else
 * (never a {@code NullPointerException}, {@code ClassCastException} or a Jackson exception),
 * with a message that names the problem and an excerpt of the input.
 */
class EventDecoderMalformedInputTests {

	private static final String DELTA = "{\"type\":\"response.output_text.delta\",";

	private static final String ITEM_ADDED = "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":";

	private static final String COMPLETED = "{\"type\":\"response.completed\",\"response\":";

	private final EventDecoder decoder = new EventDecoder();

	static Stream<Arguments> badInputs() {
		return Stream.of(
				// not JSON, or not one JSON object
				bad("not JSON", "hello", "Malformed event JSON"),
				bad("empty", "", "must be a JSON object"),
				bad("blank", " \n\t ", "must be a JSON object"),
				bad("truncated", DELTA + "\"delta\":\"Hel", "Malformed event JSON"),
				bad("truncated after a field", DELTA + "\"delta\":\"Hello\",", "Malformed event JSON"),
				bad("only an opening brace", "{", "Malformed event JSON"),
				bad("array", "[]", "must be a JSON object"),
				bad("array of an event", "[" + DELTA + "\"delta\":\"x\"}]", "must be a JSON object"),
				bad("string", "\"str\"", "must be a JSON object"),
				bad("number", "42", "must be a JSON object"),
				bad("null", "null", "must be a JSON object"),
				bad("boolean", "true", "must be a JSON object"),
				bad("two objects", "{}{}", "after the event object"),
				bad("two events", DELTA + "\"delta\":\"a\"}" + DELTA + "\"delta\":\"b\"}", "after the event object"),
				bad("trailing garbage", DELTA + "\"delta\":\"a\"} x", "Malformed event JSON"),
				bad("trailing closing bracket", DELTA + "\"delta\":\"a\"}]", "Malformed event JSON"),
				bad("single quotes", "{'type':'error'}", "Malformed event JSON"),
				bad("unquoted name", "{type:\"error\"}", "Malformed event JSON"),
				bad("trailing comma", "{\"type\":\"error\",}", "Malformed event JSON"),
				bad("comment", "{\"type\":\"error\"/* c */}", "Malformed event JSON"),
				bad("invalid escape", DELTA + "\"delta\":\"\\q\"}", "Malformed event JSON"),
				bad("raw control character", DELTA + "\"delta\":\"a\u0001b\"}", "Malformed event JSON"),
				bad("NaN", "{\"type\":\"x\",\"sequence_number\":NaN}", "Malformed event JSON"),
				bad("leading zero", "{\"type\":\"x\",\"sequence_number\":01}", "Malformed event JSON"),
				// type
				bad("missing type", "{\"sequence_number\":1,\"delta\":\"x\"}", "'type'"),
				bad("empty object", "{}", "'type'"),
				bad("null type", "{\"type\":null}", "'type'"),
				bad("numeric type", "{\"type\":42}", "'type'"),
				bad("object type", "{\"type\":{\"name\":\"error\"}}", "'type'"),
				bad("array type", "{\"type\":[\"error\"]}", "'type'"),
				bad("boolean type last", "{\"delta\":\"x\",\"type\":true}", "'type'"),
				// envelope fields
				bad("sequence_number as string", DELTA + "\"delta\":\"x\",\"sequence_number\":\"1\"}", "'sequence_number'"),
				bad("sequence_number as float", DELTA + "\"delta\":\"x\",\"sequence_number\":1.0}", "'sequence_number'"),
				bad("sequence_number with exponent", DELTA + "\"delta\":\"x\",\"sequence_number\":1e3}", "'sequence_number'"),
				bad("sequence_number beyond long", DELTA + "\"sequence_number\":9223372036854775808,\"delta\":\"x\"}", "'sequence_number'"),
				bad("sequence_number huge", "{\"type\":\"x\",\"sequence_number\":123456789012345678901234567890}", "'sequence_number'"),
				bad("sequence_number over the number length limit", "{\"type\":\"x\",\"sequence_number\":" + "9".repeat(ProtocolJson.MAX_NUMBER_LENGTH + 1) + "}", "Number value length"),
				bad("sequence_number as boolean", "{\"type\":\"x\",\"sequence_number\":true}", "'sequence_number'"),
				bad("sequence_number as object", "{\"type\":\"x\",\"sequence_number\":{}}", "'sequence_number'"),
				bad("stream_id as number", DELTA + "\"delta\":\"x\",\"stream_id\":7}", "'stream_id'"),
				bad("stream_id as object in unknown type", "{\"type\":\"x\",\"stream_id\":{\"id\":1}}", "'stream_id'"),
				// text events
				bad("delta as number", DELTA + "\"delta\":42}", "'delta'"),
				bad("delta as object", DELTA + "\"delta\":{\"text\":\"x\"}}", "'delta'"),
				bad("delta as array", DELTA + "\"delta\":[\"x\"]}", "'delta'"),
				bad("delta missing", DELTA + "\"sequence_number\":1}", "'delta'"),
				bad("delta null", DELTA + "\"delta\":null}", "'delta'"),
				bad("delta number in function call arguments", "{\"type\":\"response.function_call_arguments.delta\",\"delta\":1}", "'delta'"),
				bad("delta missing in reasoning summary", "{\"type\":\"response.reasoning_summary_text.delta\"}", "'delta'"),
				bad("text missing", "{\"type\":\"response.output_text.done\",\"delta\":\"x\"}", "'text'"),
				bad("text as boolean", "{\"type\":\"response.reasoning_summary_text.done\",\"text\":false}", "'text'"),
				bad("arguments missing", "{\"type\":\"response.function_call_arguments.done\",\"name\":\"f\"}", "'arguments'"),
				bad("arguments as object", "{\"type\":\"response.function_call_arguments.done\",\"arguments\":{}}", "'arguments'"),
				bad("name as number", "{\"type\":\"response.function_call_arguments.done\",\"name\":1,\"arguments\":\"{}\"}", "'name'"),
				bad("item_id as number", DELTA + "\"item_id\":5,\"delta\":\"x\"}", "'item_id'"),
				bad("output_index negative", DELTA + "\"output_index\":-1,\"delta\":\"x\"}", "'output_index'"),
				bad("output_index beyond int", DELTA + "\"output_index\":2147483648,\"delta\":\"x\"}", "'output_index'"),
				bad("output_index as float", DELTA + "\"output_index\":0.5,\"delta\":\"x\"}", "'output_index'"),
				bad("output_index as string", DELTA + "\"output_index\":\"0\",\"delta\":\"x\"}", "'output_index'"),
				bad("content_index negative", DELTA + "\"content_index\":-3,\"delta\":\"x\"}", "'content_index'"),
				bad("summary_index as array", "{\"type\":\"response.reasoning_summary_text.delta\",\"summary_index\":[0],\"delta\":\"x\"}", "'summary_index'"),
				// output items
				bad("item as string", ITEM_ADDED + "\"message\"}", "'item'"),
				bad("item as array", ITEM_ADDED + "[]}", "'item'"),
				bad("item as number", "{\"type\":\"response.output_item.done\",\"item\":1}", "'item'"),
				bad("item missing", "{\"type\":\"response.output_item.added\",\"output_index\":0}", "'item'"),
				bad("item null", ITEM_ADDED + "null}", "'item'"),
				bad("item without type", ITEM_ADDED + "{\"id\":\"msg_1\"}}", "'type'"),
				bad("item type as number", ITEM_ADDED + "{\"type\":1}}", "'type'"),
				bad("function_call without call_id", ITEM_ADDED + "{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"\"}}", "'call_id'"),
				bad("function_call without name", ITEM_ADDED + "{\"type\":\"function_call\",\"call_id\":\"c\"}}", "'name'"),
				bad("function_call arguments as object", ITEM_ADDED + "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":{}}}", "'arguments'"),
				bad("message content as string", ITEM_ADDED + "{\"type\":\"message\",\"content\":\"hi\"}}", "'content'"),
				bad("message content element as string", ITEM_ADDED + "{\"type\":\"message\",\"content\":[\"hi\"]}}", "content part"),
				bad("message content element null", ITEM_ADDED + "{\"type\":\"message\",\"content\":[null]}}", "content part"),
				bad("message role as number", ITEM_ADDED + "{\"type\":\"message\",\"role\":1}}", "'role'"),
				bad("output_text part text as number", ITEM_ADDED + "{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":1}]}}", "'text'"),
				bad("reasoning summary element as string", ITEM_ADDED + "{\"type\":\"reasoning\",\"summary\":[\"s\"]}}", "summary part"),
				bad("reasoning summary as object", ITEM_ADDED + "{\"type\":\"reasoning\",\"summary\":{}}}", "'summary'"),
				bad("message content as string before the type", ITEM_ADDED + "{\"content\":\"hi\",\"type\":\"message\"}}", "'content'"),
				bad("output_text part text as number before the item type", ITEM_ADDED + "{\"content\":[{\"type\":\"output_text\",\"text\":1}],\"type\":\"message\"}}", "'text'"),
				bad("reasoning summary element before the type", ITEM_ADDED + "{\"summary\":[\"s\"],\"type\":\"reasoning\"}}", "summary part"),
				bad("function_call name as number before the type", ITEM_ADDED + "{\"call_id\":\"c\",\"name\":5,\"type\":\"function_call\"}}", "'name'"),
				bad("response output element number before the event type", "{\"response\":{\"id\":\"r\",\"output\":[1]},\"type\":\"response.completed\"}", "output item"),
				bad("unmodelled item id as number", ITEM_ADDED + "{\"type\":\"web_search_call\",\"id\":1}}", "'id'"),
				// content parts
				bad("part missing", "{\"type\":\"response.content_part.added\",\"output_index\":0}", "'part'"),
				bad("part as string", "{\"type\":\"response.content_part.done\",\"part\":\"p\"}", "'part'"),
				bad("part without type", "{\"type\":\"response.content_part.added\",\"part\":{\"text\":\"\"}}", "'type'"),
				bad("refusal part refusal as object", "{\"type\":\"response.content_part.done\",\"part\":{\"type\":\"refusal\",\"refusal\":{}}}", "'refusal'"),
				// responses
				bad("response missing", "{\"type\":\"response.completed\",\"sequence_number\":1}", "'response'"),
				bad("response null", COMPLETED + "null}", "'response'"),
				bad("response as string", COMPLETED + "\"resp_1\"}", "'response'"),
				bad("response as array", "{\"type\":\"response.created\",\"response\":[]}", "'response'"),
				bad("response without id", COMPLETED + "{\"status\":\"completed\",\"output\":[]}}", "'id'"),
				bad("response id as number", COMPLETED + "{\"id\":1}}", "'id'"),
				bad("response status as number", COMPLETED + "{\"id\":\"r\",\"status\":200}}", "'status'"),
				bad("response output as object", COMPLETED + "{\"id\":\"r\",\"output\":{}}}", "'output'"),
				bad("response output element null", COMPLETED + "{\"id\":\"r\",\"output\":[null]}}", "output item"),
				bad("response output element number", COMPLETED + "{\"id\":\"r\",\"output\":[1]}}", "output item"),
				bad("response usage as number", COMPLETED + "{\"id\":\"r\",\"usage\":5}}", "'usage'"),
				bad("usage input_tokens as string", COMPLETED + "{\"id\":\"r\",\"usage\":{\"input_tokens\":\"5\"}}}", "'input_tokens'"),
				bad("usage cached_tokens as float", COMPLETED + "{\"id\":\"r\",\"usage\":{\"input_tokens_details\":{\"cached_tokens\":1.5}}}}", "'cached_tokens'"),
				bad("usage output_tokens_details as array", COMPLETED + "{\"id\":\"r\",\"usage\":{\"output_tokens_details\":[]}}}", "'output_tokens_details'"),
				bad("usage total_tokens huge", COMPLETED + "{\"id\":\"r\",\"usage\":{\"total_tokens\":99999999999999999999}}}", "'total_tokens'"),
				bad("response error as string", "{\"type\":\"response.failed\",\"response\":{\"id\":\"r\",\"error\":\"boom\"}}", "'error'"),
				bad("response error code as number", "{\"type\":\"response.failed\",\"response\":{\"id\":\"r\",\"error\":{\"code\":500}}}", "'code'"),
				bad("incomplete_details as string", "{\"type\":\"response.incomplete\",\"response\":{\"id\":\"r\",\"incomplete_details\":\"max\"}}", "'incomplete_details'"),
				bad("incomplete reason as number", "{\"type\":\"response.incomplete\",\"response\":{\"id\":\"r\",\"incomplete_details\":{\"reason\":1}}}", "'reason'"),
				bad("response.done without response", "{\"type\":\"response.done\"}", "'response'"),
				// errors
				bad("error status as string", "{\"type\":\"error\",\"status\":\"400\",\"error\":{}}", "'status'"),
				bad("error status beyond int", "{\"type\":\"error\",\"status\":4294967296,\"error\":{}}", "'status'"),
				bad("error as string", "{\"type\":\"error\",\"status\":400,\"error\":\"bad request\"}", "'error'"),
				bad("error code as number", "{\"type\":\"error\",\"error\":{\"code\":400}}", "'code'"),
				bad("error headers as array", "{\"type\":\"error\",\"error\":{\"headers\":[\"retry-after: 1\"]}}", "'headers'"),
				bad("flat error code as number", "{\"type\":\"error\",\"code\":500,\"message\":\"m\"}", "'code'"),
				bad("flat error message as object", "{\"type\":\"error\",\"code\":\"c\",\"message\":{}}", "'message'"),
				// limits
				bad("10,000 levels of arrays", "[".repeat(10_000), "must be a JSON object"),
				bad("10,000 levels of arrays inside an unknown event", "{\"type\":\"x\",\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", "nesting depth"),
				bad("10,000 levels of objects inside a response", COMPLETED + "{\"id\":\"r\",\"deep\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}}", "nesting depth"),
				bad("10,000 levels of arrays before the type", "{\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"type\":\"x\"}", "nesting depth"),
				bad("one level over the nesting limit", "{\"type\":\"x\",\"deep\":" + "[".repeat(ProtocolJson.MAX_NESTING_DEPTH) + "]".repeat(ProtocolJson.MAX_NESTING_DEPTH) + "}", "nesting depth"));
	}

	private static Arguments bad(String description, String input, String messageFragment) {
		return argumentSet(description, input, messageFragment);
	}

	@ParameterizedTest
	@MethodSource("badInputs")
	void badTextRaisesOnlyProtocolDecodingException(String input, String messageFragment) {
		assertRejected(() -> this.decoder.decode(input), input, messageFragment);
	}

	@ParameterizedTest
	@MethodSource("badInputs")
	void badBytesRaiseOnlyProtocolDecodingException(String input, String messageFragment) {
		assertRejected(() -> Frames.decodeFromLargerBuffer(this.decoder, input), input, messageFragment);
	}

	private static void assertRejected(ThrowingCallable decode, String input, String messageFragment) {
		Throwable thrown = catchThrowable(decode);
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class);
		ProtocolDecodingException ex = (ProtocolDecodingException) thrown;
		assertThat(ex.getMessage()).isNotBlank().contains(messageFragment);
		assertThat(ex.excerpt()).isEqualTo(expectedExcerpt(input));
	}

	private static String expectedExcerpt(String input) {
		return (input.length() <= 200) ? input : input.substring(0, 200) + "...";
	}

	@Test
	void messageNamesTheExpectedTypeAndExcerptIsTheInput() {
		String input = "{\"type\":\"response.output_text.delta\",\"delta\":42}";
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> this.decoder.decode(input))
			.withMessage("Field 'delta' must be a string")
			.satisfies((ex) -> assertThat(ex.excerpt()).isEqualTo(input));
	}

	@Test
	void missingRequiredFieldMessage() {
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> this.decoder.decode("{\"type\":\"response.output_item.added\",\"item\":"
					+ "{\"type\":\"function_call\",\"name\":\"f\"}}"))
			.withMessage("Required field 'call_id' is missing");
	}

	@Test
	void jsonSyntaxErrorKeepsTheParserFailureAsCause() {
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> this.decoder.decode("{\"type\":"))
			.withMessageStartingWith("Malformed event JSON: ")
			.withCauseInstanceOf(tools.jackson.core.JacksonException.class);
	}

	@Test
	void excerptOfLongInputIsTruncatedTo200Characters() {
		String input = "{\"type\":\"response.output_text.delta\",\"delta\":\"" + "x".repeat(1_000) + "\"";
		ProtocolDecodingException ex = catchDecodingFailure(input);
		assertThat(ex.excerpt()).hasSize(203).isEqualTo(input.substring(0, 200) + "...");
	}

	@Test
	void excerptOfLongInputFromBytesIsTruncatedTo200Characters() {
		String input = "{\"type\":\"response.completed\",\"response\":{\"status\":\"" + "é".repeat(1_000) + "\"}}";
		byte[] utf8 = input.getBytes(StandardCharsets.UTF_8);
		Throwable thrown = catchThrowable(() -> this.decoder.decode(utf8, 0, utf8.length));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class)
			.hasMessageContaining("'id'");
		assertThat(((ProtocolDecodingException) thrown).excerpt()).isEqualTo(input.substring(0, 200) + "...");
	}

	@Test
	void excerptOfInputOfExactly200CharactersIsNotTruncated() {
		String input = "{\"type\":" + " ".repeat(200 - 9) + "1";
		assertThat(input).hasSize(200);
		assertThat(catchDecodingFailure(input).excerpt()).isEqualTo(input);
	}

	@ParameterizedTest
	@ValueSource(strings = { "response.output_text.delta\",\"delta", "response.output_text.done\",\"text" })
	void stringOverTheLengthLimitIsRejected(String typeAndField) {
		String input = "{\"type\":\"" + typeAndField + "\":\""
				+ "a".repeat(ProtocolJson.MAX_STRING_LENGTH + 1) + "\"}";
		ProtocolDecodingException ex = catchDecodingFailure(input);
		assertThat(ex).hasMessageContaining("String value length");
		assertThat(ex.excerpt()).hasSize(203);
	}

	@ParameterizedTest
	@MethodSource("invalidUtf8")
	void invalidUtf8RaisesOnlyProtocolDecodingException(byte[] utf8) {
		Throwable thrown = catchThrowable(() -> this.decoder.decode(utf8, 0, utf8.length));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class);
		assertThat(thrown).hasMessageStartingWith("Malformed event JSON");
	}

	static Stream<Arguments> invalidUtf8() {
		return Stream.of(argumentSet("invalid start byte in a read string", utf8WithByte(
				"{\"type\":\"response.output_text.delta\",\"delta\":\"a", (byte) 0xFF, "\"}")),
				argumentSet("truncated sequence in a read string",
						utf8WithByte("{\"type\":\"response.output_text.delta\",\"delta\":\"", (byte) 0xE4, "\"}")),
				argumentSet("invalid start byte in a skipped text",
						utf8WithByte("{\"type\":\"response.output_text.done\",\"text\":\"a", (byte) 0xFF, "\"}")),
				argumentSet("truncated sequence in skipped arguments", utf8WithByte(
						"{\"type\":\"response.function_call_arguments.done\",\"arguments\":\"", (byte) 0xE4, "\"}")),
				argumentSet("invalid continuation in a skipped part text", utf8WithByte(
						"{\"type\":\"response.content_part.done\",\"part\":{\"type\":\"output_text\",\"text\":\"\u00e9",
						(byte) 0xC3, "(\"}}")),
				argumentSet("invalid start byte in the type",
						utf8WithByte("{\"type\":\"response.", (byte) 0xC0, "\"}")),
				argumentSet("invalid byte outside strings", utf8WithByte("{\"type\":\"x\",", (byte) 0xFE, "}")));
	}

	private static byte[] utf8WithByte(String before, byte invalid, String after) {
		byte[] head = before.getBytes(StandardCharsets.UTF_8);
		byte[] tail = after.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[head.length + 1 + tail.length];
		System.arraycopy(head, 0, bytes, 0, head.length);
		bytes[head.length] = invalid;
		System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
		return bytes;
	}

	private ProtocolDecodingException catchDecodingFailure(String input) {
		Throwable thrown = catchThrowable(() -> this.decoder.decode(input));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class);
		return (ProtocolDecodingException) thrown;
	}

}
