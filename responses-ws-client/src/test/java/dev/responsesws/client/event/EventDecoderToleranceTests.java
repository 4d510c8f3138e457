package dev.responsesws.client.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.OtherOutputItem;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the decoder tolerates: any field order, unknown fields, absent optional fields, and
 * oddly shaped fields in event types it does not model.
 */
class EventDecoderToleranceTests {

	private static final String EXTRA_FIELDS = """
			{"x_future":{"a":[1,{"b":[null,true,{"c":{}}]}],"d":"e"},"x_list":[[],{},[[1.5e300]]],\
			"x_big":123456789012345678901234567890,"x_float":-0.0,"x_null":null,"obfuscation":"Zm9v"}""";

	private final EventDecoder decoder = new EventDecoder();

	private ResponseEvent decode(String json) {
		return Frames.decodeBothWays(this.decoder, json);
	}

	private ResponseEvent decodeFrame(String frame) {
		return decode(Frames.read(frame));
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#typedNames")
	void typeMayComeLast(String frame) {
		ObjectNode json = Frames.tree(frame);
		JsonNode type = json.remove("type");
		json.set("type", type);
		assertThat(decode(json.toString())).isEqualTo(decodeFrame(frame));
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#typedNames")
	void fieldsMayComeInAnyOrder(String frame) {
		ObjectNode json = Frames.tree(frame);
		List<String> names = new ArrayList<>(json.propertyNames());
		ObjectNode reversed = ProtocolJson.mapper().createObjectNode();
		for (int i = names.size() - 1; i >= 0; i--) {
			reversed.set(names.get(i), json.get(names.get(i)));
		}
		assertThat(reversed.propertyNames()).last().isEqualTo(names.get(0));
		assertThat(decode(reversed.toString())).isEqualTo(decodeFrame(frame));
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#typedNames")
	void unknownTopLevelFieldsAreIgnoredWhereverTheyAre(String frame) {
		ObjectNode extra = (ObjectNode) Frames.parse(EXTRA_FIELDS);
		ObjectNode json = extra.deepCopy();
		json.setAll(Frames.tree(frame));
		json.set("x_trailing", extra);
		assertThat(json.propertyNames()).first().isEqualTo("x_future");
		assertThat(decode(json.toString())).isEqualTo(decodeFrame(frame));
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#unknownNames")
	void unknownTypesMayHaveTheirTypeLast(String frame) {
		ObjectNode json = Frames.tree(frame);
		JsonNode type = json.remove("type");
		json.set("type", type);
		String text = json.toString();
		assertThat(decode(text)).isEqualTo(new UnknownEvent(type.stringValue(),
				decodeFrame(frame).sequenceNumber(), decodeFrame(frame).streamId(), text));
	}

	@Test
	void missingSequenceNumberIndicesAndLaneGetDefaults() {
		assertThat(decode("{\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}"))
			.isEqualTo(new OutputTextDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0, "Hi"));
		assertThat(decode("{\"type\":\"response.reasoning_summary_text.done\",\"text\":\"t\"}"))
			.isEqualTo(new ReasoningSummaryTextDoneEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0, "t"));
		assertThat(decode("{\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\"}"))
			.isEqualTo(new FunctionCallArgumentsDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, "{"));
	}

	@Test
	void nullValuesCountAsAbsent() {
		String json = """
				{"type":"response.output_text.done","sequence_number":null,"stream_id":null,"item_id":null,\
				"output_index":null,"content_index":null,"text":"done"}""";
		assertThat(decode(json))
			.isEqualTo(new OutputTextDoneEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0, "done"));
	}

	@Test
	void emptyDeltaIsKept() {
		assertThat(decode("{\"type\":\"response.output_text.delta\",\"sequence_number\":0,\"delta\":\"\"}"))
			.isEqualTo(new OutputTextDeltaEvent(0, null, null, 0, 0, ""));
	}

	@Test
	void largestIndexAndSequenceNumberAreAccepted() {
		String json = "{\"type\":\"response.output_text.delta\",\"sequence_number\":" + Long.MAX_VALUE
				+ ",\"output_index\":" + Integer.MAX_VALUE + ",\"content_index\":" + Integer.MAX_VALUE
				+ ",\"delta\":\"x\"}";
		assertThat(decode(json)).isEqualTo(
				new OutputTextDeltaEvent(Long.MAX_VALUE, null, null, Integer.MAX_VALUE, Integer.MAX_VALUE, "x"));
	}

	@Test
	void functionCallArgumentsDoneWithoutName() {
		String json = "{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":3,"
				+ "\"item_id\":\"fc_1\",\"output_index\":1,\"arguments\":\"{}\"}";
		assertThat(decode(json)).isEqualTo(new FunctionCallArgumentsDoneEvent(3, null, "fc_1", 1, null, "{}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "héllo 👋 世界", "\u0000\t\n\"\\/", "emoji \uD83D\uDE00 and ünïcödé", "" })
	void textIsDecodedExactlyFromTextAndFromUtf8Bytes(String text) {
		ObjectNode json = ProtocolJson.mapper().createObjectNode();
		json.put("type", "response.output_text.delta");
		json.put("sequence_number", 4);
		json.put("delta", text);
		json.put("item_id", "msg_é");
		assertThat(decode(json.toString())).isEqualTo(new OutputTextDeltaEvent(4, null, "msg_é", 0, 0, text));
	}

	@Test
	void escapedUnicodeIsDecoded() {
		String json = "{\"type\":\"response.output_text.delta\",\"delta\":\"h\\u00e9llo \\ud83d\\udc4b \\u4e16\\u754c\"}";
		assertThat(((OutputTextDeltaEvent) decode(json)).delta()).isEqualTo("héllo 👋 世界");
	}

	@Test
	void nonAsciiBytesAtANonZeroOffsetInALargerBuffer() {
		String json = "{\"type\":\"response.output_text.delta\",\"delta\":\"héllo 👋 世界\"}";
		byte[] event = json.getBytes(StandardCharsets.UTF_8);
		byte[] buffer = new byte[event.length + 100];
		buffer[0] = (byte) 0xE4;
		System.arraycopy(event, 0, buffer, 37, event.length);
		buffer[37 + event.length] = '}';
		ResponseEvent decoded = this.decoder.decode(buffer, 37, event.length);
		assertThat(decoded).isEqualTo(new OutputTextDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0,
				"héllo 👋 世界"));
	}

	@Test
	void oddlyTypedFieldsOfUnknownEventsAreNotChecked() {
		String json = """
				{"type":"response.some_future.delta","sequence_number":1,"delta":{"a":[1,2]},"text":[1],\
				"arguments":7,"name":false,"item_id":{},"code":[],"message":1.5,"param":{"p":1},\
				"output_index":"zero","content_index":-1.5,"summary_index":{"i":1},"status":"ok",\
				"response":"r","item":[1],"part":3,"error":"boom"}""";
		assertThat(decode(json)).isEqualTo(new UnknownEvent("response.some_future.delta", 1, null, json));
	}

	@Test
	void oddlyTypedFieldsThatTheTypedEventDoesNotReadAreNotChecked() {
		String json = """
				{"type":"response.output_text.delta","sequence_number":2,"delta":"ok","text":{"t":1},\
				"arguments":[],"name":1,"code":{},"message":[],"param":2,"summary_index":"x","status":"s",\
				"response":1,"item":"i","part":[],"error":"e"}""";
		assertThat(decode(json)).isEqualTo(new OutputTextDeltaEvent(2, null, null, 0, 0, "ok"));
	}

	@Test
	void unknownEventWithTypeLastAndObjectFieldsNamedLikeKnownOnes() {
		String json = """
				{"sequence_number":8,"response":{"no_id":true},"item":{"type":7},"part":{},\
				"error":{"code":1},"type":"response.future_thing.done"}""";
		assertThat(decode(json)).isEqualTo(new UnknownEvent("response.future_thing.done", 8, null, json));
	}

	@Test
	void knownTypeSkipsNestedObjectsItDoesNotNeed() {
		String json = """
				{"type":"response.output_text.delta","response":{"no_id":true},"item":{"type":7},\
				"part":{"nope":1},"error":{"code":1},"delta":"d"}""";
		assertThat(decode(json))
			.isEqualTo(new OutputTextDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0, "d"));
	}

	@Test
	void unknownTypeNotStartingWithResponse() {
		String json = "{\"type\":\"session.updated\",\"session\":{\"id\":\"s\"}}";
		assertThat(decode(json))
			.isEqualTo(new UnknownEvent("session.updated", ResponseEvent.NO_SEQUENCE_NUMBER, null, json));
	}

	@Test
	void whitespaceAroundTheEventIsAllowed() {
		String json = " \r\n\t{ \"type\" : \"response.output_text.delta\" , \"delta\" : \"x\" }\n\n ";
		assertThat(decode(json))
			.isEqualTo(new OutputTextDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 0, "x"));
	}

	@Test
	void errorEnvelopeWithMinimalContent() {
		assertThat(decode("{\"type\":\"error\",\"error\":{}}")).isEqualTo(new ErrorEvent(
				ResponseEvent.NO_SEQUENCE_NUMBER, null, null, new ApiError(null, null, null, null, Map.of())));
		assertThat(decode("{\"type\":\"error\"}")).isEqualTo(new ErrorEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null,
				null, new ApiError(null, null, null, null, Map.of())));
	}

	@Test
	void errorEnvelopeWithNullsAndTypeLast() {
		String json = """
				{"status":500,"error":{"type":"server_error","code":null,"message":"boom","param":null,\
				"headers":null},"stream_id":"l1","sequence_number":null,"type":"error"}""";
		assertThat(decode(json)).isEqualTo(new ErrorEvent(ResponseEvent.NO_SEQUENCE_NUMBER, "l1", 500,
				new ApiError("server_error", null, "boom", null, Map.of())));
	}

	@Test
	void errorEnvelopeWinsOverFlatFields() {
		String json = """
				{"type":"error","code":"flat_code","message":"flat","error":{"code":"nested_code","message":"nested"}}""";
		assertThat(((ErrorEvent) decode(json)).error())
			.isEqualTo(new ApiError(null, "nested_code", "nested", null, Map.of()));
	}

	@Test
	void errorHeadersWithNonStringValuesKeepTheirJsonText() {
		String json = """
				{"type":"error","status":429,"error":{"headers":{"n":12,"b":true,"o":{"k":"v"},"a":[1],"z":null}}}""";
		assertThat(((ErrorEvent) decode(json)).error().headers()).containsOnly(Map.entry("n", "12"),
				Map.entry("b", "true"), Map.entry("o", "{\"k\":\"v\"}"), Map.entry("a", "[1]"), Map.entry("z", "null"));
	}

	@Test
	void responseWithOnlyAnIdUsesDefaults() {
		ResponseCompletedEvent event = (ResponseCompletedEvent) decode(
				"{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\"}}");
		assertThat(event.response().id()).isEqualTo("resp_1");
		assertThat(event.response().status()).isNull();
		assertThat(event.response().model()).isNull();
		assertThat(event.response().previousResponseId()).isNull();
		assertThat(event.response().output()).isEmpty();
		assertThat(event.response().usage()).isEqualTo(Usage.ZERO);
		assertThat(event.response().error()).isNull();
		assertThat(event.response().incompleteReason()).isNull();
	}

	@Test
	void incompleteDetailsWithoutReason() {
		ResponseIncompleteEvent event = (ResponseIncompleteEvent) decode(
				"{\"type\":\"response.incomplete\",\"response\":{\"id\":\"r\",\"incomplete_details\":{}}}");
		assertThat(event.response().incompleteReason()).isNull();
	}

	@Test
	void outputItemsOfUnmodelledTypesAndPartsOfOtherTypes() {
		String json = """
				{"type":"response.output_item.done","output_index":4,"item":{"type":"message","content":[\
				{"type":"refusal","refusal":"I can't help with that."},\
				{"type":"output_audio","transcript":"hi"},\
				{"type":"output_text","text":"Hello","annotations":[{"type":"url_citation","url":"https://e.org"}]}]}}""";
		OutputItemDoneEvent event = (OutputItemDoneEvent) decode(json);
		assertThat(event.item().id()).isNull();
		assertThat(event.item()).isInstanceOfSatisfying(OutputMessage.class,
				(message) -> {
					assertThat(message.role()).isEqualTo("assistant");
					assertThat(message.status()).isNull();
					assertThat(message.content()).extracting(ContentPart::type, ContentPart::text)
						.containsExactly(tuple("refusal", "I can't help with that."),
								tuple("output_audio", null),
								tuple("output_text", "Hello"));
					assertThat(message.text()).isEqualTo("Hello");
				});
	}

	@Test
	void functionCallItemWithoutArgumentsHasEmptyArguments() {
		String json = """
				{"type":"response.output_item.added","item":{"type":"function_call","call_id":"c1","name":"f"}}""";
		OutputItemAddedEvent event = (OutputItemAddedEvent) decode(json);
		assertThat(event.item()).isEqualTo(new FunctionCall(null, "c1", "f", "", null, event.item().tree()));
	}

	@Test
	void futureItemTypeWithoutId() {
		String json = "{\"type\":\"response.output_item.added\",\"item\":{\"type\":\"compaction\",\"blob\":[1]}}";
		OutputItemAddedEvent event = (OutputItemAddedEvent) decode(json);
		assertThat(event.item()).isEqualTo(new OtherOutputItem("compaction", null, Frames.parse(json).get("item")));
	}

	@Test
	void hugeStringWithinTheLimitsIsDecoded() {
		String delta = "abcdefghij".repeat(500_000) + "é👋";
		String json = "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"delta\":\"" + delta + "\"}";
		assertThat(decode(json)).isEqualTo(new OutputTextDeltaEvent(1, null, null, 0, 0, delta));
	}

	@Test
	void nestingUpToTheLimitIsDecoded() {
		int depth = ProtocolJson.MAX_NESTING_DEPTH - 1;
		String json = "{\"type\":\"response.future\",\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
		assertThat(decode(json)).isInstanceOf(UnknownEvent.class);
	}

	@Test
	void itemTypeMayComeAfterTheFieldsItDecides() {
		String message = """
				{"type":"response.output_item.done","output_index":0,"item":{"content":[{"text":"Hi","type":"output_text"}],\
				"role":"assistant","id":"m1","status":"completed","type":"message"}}""";
		OutputMessage decoded = (OutputMessage) ((OutputItemDoneEvent) decode(message)).item();
		assertThat(decoded.text()).isEqualTo("Hi");
		assertThat(decoded.id()).isEqualTo("m1");
		assertThat(decoded.content().get(0).raw().json()).isEqualTo("{\"text\":\"Hi\",\"type\":\"output_text\"}");
		assertThat(decoded.tree()).isEqualTo(Frames.parse(message).get("item"));
		String reasoning = """
				{"type":"response.output_item.done","item":{"summary":[{"type":"summary_text","text":"s"}],"type":"reasoning"}}""";
		assertThat(((OutputItemDoneEvent) decode(reasoning)).item())
			.isInstanceOfSatisfying(ReasoningItem.class, (item) -> assertThat(item.summary()).containsExactly("s"));
		String call = """
				{"type":"response.output_item.done","item":{"arguments":"{}","call_id":"c","name":"f","type":"function_call"}}""";
		assertThat(((OutputItemDoneEvent) decode(call)).item()).isInstanceOfSatisfying(FunctionCall.class,
				(item) -> assertThat(item).extracting(FunctionCall::callId, FunctionCall::name, FunctionCall::arguments)
					.containsExactly("c", "f", "{}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"compaction\",\"content\":\"opaque\",\"summary\":7,\"role\":[],\"call_id\":{},\"arguments\":1}",
			"{\"content\":\"opaque\",\"summary\":7,\"role\":[],\"call_id\":{},\"arguments\":1,\"type\":\"compaction\"}" })
	void fieldsAnItemTypeDoesNotReadAreNotChecked(String item) {
		OutputItemAddedEvent event = (OutputItemAddedEvent) decode("{\"type\":\"response.output_item.added\",\"item\":" + item + "}");
		assertThat(event.item()).isEqualTo(new OtherOutputItem("compaction", null, Frames.parse(item)));
	}

	@Test
	void decodedObjectsKeepTheirTextAndOutliveTheDecodedBuffer() {
		String response = "{ \"id\" : \"r\", \"output\" : [ {\"type\":\"message\", \"content\":[]} ] }";
		String json = "{\"type\":\"response.completed\",\"response\":" + response + "}";
		byte[] frame = json.getBytes(StandardCharsets.UTF_8);
		byte[] buffer = new byte[frame.length + 20];
		System.arraycopy(frame, 0, buffer, 10, frame.length);
		ResponseCompletedEvent event = (ResponseCompletedEvent) this.decoder.decode(buffer, 10, frame.length);
		java.util.Arrays.fill(buffer, (byte) '!');
		assertThat(event.response().raw().json()).isEqualTo(response);
		assertThat(event.response().output().get(0).raw().json()).isEqualTo("{\"type\":\"message\", \"content\":[]}");
		assertThat(event.response().tree()).isEqualTo(Frames.parse(response)).isSameAs(event.response().tree());
	}

}
