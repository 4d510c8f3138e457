package dev.responsesws.client.event;

import java.nio.charset.StandardCharsets;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.response.FunctionCall;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Property-based tests of the decoder against hostile input: whatever arrives, the decoder
 * returns an event or throws {@link ProtocolDecodingException}, nothing else. jqwik prints the
 * seed of a failing run; {@code @Property(seed = "...")} repeats it.
 */
class EventDecoderFuzzTests {

	private static final String[] TYPES = { "response.created", "response.in_progress", "response.completed",
			"response.failed", "response.incomplete", "response.done", "response.output_item.added",
			"response.output_item.done", "response.content_part.added", "response.content_part.done",
			"response.output_text.delta", "response.output_text.done", "response.function_call_arguments.delta",
			"response.function_call_arguments.done", "response.reasoning_summary_text.delta", "error",
			"response.something.new" };

	private static final String[] FIELDS = { "sequence_number", "stream_id", "delta", "text", "arguments", "name",
			"item_id", "output_index", "content_index", "summary_index", "status", "response", "item", "part", "error",
			"code", "message", "param" };

	private static final String[] VALUES = { "null", "true", "1", "-1", "1.5", "99999999999999999999999", "\"s\"",
			"[]", "{}", "[1,{\"a\":null}]", "{\"id\":1}", "{\"type\":5}", "{\"id\":\"r\",\"output\":{}}",
			"{\"type\":\"function_call\"}" };

	private final EventDecoder decoder = new EventDecoder();

	@Property(tries = 3000)
	void randomBytesDecodeOrFailWithTheDocumentedException(@ForAll @Size(max = 400) byte[] bytes) {
		decodeBothWays(bytes);
	}

	@Property(tries = 2000)
	void truncatedAndDuplicatedFramesFailCleanly(@ForAll("frames") String frame, @ForAll @IntRange(max = 2000) int cut,
			@ForAll boolean duplicate) {
		String damaged = frame.substring(0, Math.min(cut, frame.length()));
		if (duplicate) {
			damaged = damaged + damaged;
		}
		decodeBothWays(damaged.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 3000)
	void wrongTypesForKnownFieldsFailCleanly(@ForAll("types") String type, @ForAll("fields") String field,
			@ForAll("values") String value) {
		decodeBothWays(("{\"type\":\"" + type + "\",\"" + field + "\":" + value + "}").getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 300)
	void deepNestingIsBounded(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean arrays,
			@ForAll boolean typed) {
		String open = arrays ? "[" : "{\"a\":";
		String close = arrays ? "]" : "}";
		String nested = open.repeat(depth) + "1" + close.repeat(depth);
		String frame = typed ? "{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"x\":" + nested + "}}"
				: "{\"type\":\"response.something.new\",\"x\":" + nested + "}";
		int enclosing = typed ? 2 : 1;
		if (depth + enclosing <= ProtocolJson.MAX_NESTING_DEPTH) {
			assertThat(this.decoder.decode(frame).type()).isEqualTo(typed ? "response.completed" : "response.something.new");
		}
		else {
			assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> this.decoder.decode(frame))
				.withMessageContaining("nesting depth");
		}
	}

	@Property(tries = 20)
	void hugeStringsWithinTheLimitDecode(@ForAll @IntRange(min = 1, max = 4_000_000) int length) {
		String delta = "x".repeat(length);
		ResponseEvent event = this.decoder.decode("{\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
				+ "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + delta + "\"}");
		assertThat(((OutputTextDeltaEvent) event).delta()).hasSize(length);
	}

	/**
	 * Long texts are read from the frame's bytes after the parser skipped them: whatever the
	 * characters, the escapes, the whitespace and what follows, they must equal what was encoded.
	 */
	@Property(tries = 2000)
	void textsAndArgumentsReadFromTheBytesEqualWhatWasEncoded(@ForAll("texts") String text,
			@ForAll boolean escapeNonAscii, @ForAll("spaces") String space, @ForAll boolean last) {
		JsonMapper mapper = JsonMapper.builder().configure(JsonWriteFeature.ESCAPE_NON_ASCII, escapeNonAscii).build();
		String encoded = mapper.writeValueAsString(text);
		String after = last ? space + "}" : space + "," + space + "\"sequence_number\":3}";
		String done = "{\"type\":\"response.output_text.done\",\"text\":" + space + encoded + after;
		assertThat(((OutputTextDoneEvent) Frames.decodeBothWays(this.decoder, done)).text()).isEqualTo(text);
		String part = "{\"type\":\"response.content_part.done\",\"part\":{\"type\":\"output_text\",\"text\":" + encoded
				+ after + "}";
		assertThat(((ContentPartDoneEvent) Frames.decodeBothWays(this.decoder, part)).part().text()).isEqualTo(text);
		String call = "{\"type\":\"response.output_item.done\",\"item\":{\"type\":\"function_call\",\"call_id\":\"c\","
				+ "\"name\":\"f\",\"arguments\":" + encoded + after + "}";
		assertThat(((FunctionCall) ((OutputItemDoneEvent) Frames.decodeBothWays(this.decoder, call)).item()).arguments())
			.isEqualTo(text);
	}

	@Provide
	Arbitrary<String> texts() {
		Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
		Arbitrary<String> jsonish = Arbitraries.strings()
			.withChars("\"\\/\b\f\n\r\t\u0000\u001fé👋 a{}[],:")
			.ofMaxLength(60);
		// text is Unicode: a lone surrogate has no UTF-8 form, so it cannot be in a frame
		return Arbitraries.oneOf(any, jsonish)
			.filter((text) -> text.codePoints()
				.noneMatch((point) -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE));
	}

	@Provide
	Arbitrary<String> spaces() {
		return Arbitraries.strings().withChars(" \n\r\t").ofMaxLength(3);
	}

	private void decodeBothWays(byte[] bytes) {
		for (int way = 0; way < 2; way++) {
			try {
				ResponseEvent event = (way == 0) ? this.decoder.decode(bytes, 0, bytes.length)
						: this.decoder.decode(new String(bytes, StandardCharsets.UTF_8));
				assertThat(event).isNotNull();
				assertThat(event.type()).isNotNull();
			}
			catch (ProtocolDecodingException ex) {
				assertThat(ex.getMessage()).isNotBlank();
				assertThat(ex.excerpt().length()).isLessThanOrEqualTo(203);
			}
		}
	}

	@Provide
	Arbitrary<String> types() {
		return Arbitraries.of(TYPES);
	}

	@Provide
	Arbitrary<String> fields() {
		return Arbitraries.of(FIELDS);
	}

	@Provide
	Arbitrary<String> values() {
		return Arbitraries.of(VALUES);
	}

	@Provide
	Arbitrary<String> frames() {
		return Arbitraries.of(
				"{\"type\":\"response.output_text.delta\",\"sequence_number\":5,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"h\\u00e9llo\"}",
				"{\"type\":\"response.completed\",\"sequence_number\":9,\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"}]}],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}",
				"{\"type\":\"error\",\"status\":429,\"error\":{\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow\",\"headers\":{\"retry-after\":\"1\"}}}",
				"{\"type\":\"response.output_item.done\",\"sequence_number\":3,\"output_index\":1,\"item\":{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\"}}");
	}

}
