package dev.responsesws.client.response;

import java.util.List;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The response model: reading a response object, its text and function calls.
 */
class ResponseTests {

	private static JsonNode json(String text) {
		return ProtocolJson.mapper().readTree(text);
	}

	private static String message(String id, String... parts) {
		return "{\"type\":\"message\",\"id\":\"" + id + "\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":["
				+ String.join(",", parts) + "]}";
	}

	private static String outputText(String text) {
		return "{\"type\":\"output_text\",\"annotations\":[],\"text\":\"" + text + "\"}";
	}

	private static String functionCall(String id, String callId, String name, String arguments) {
		return "{\"type\":\"function_call\",\"id\":\"" + id + "\",\"call_id\":\"" + callId + "\",\"name\":\"" + name
				+ "\",\"arguments\":" + ProtocolJson.mapper().getNodeFactory().stringNode(arguments)
				+ ",\"status\":\"completed\"}";
	}

	private static Response response(String... output) {
		return Response.fromTree(json("{\"id\":\"resp_1\",\"output\":[" + String.join(",", output) + "]}"));
	}

	@Test
	void outputTextConcatenatesTheTextPartsOfEveryMessage() {
		Response response = response(
				"{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"thinking\"}]}",
				message("msg_1", outputText("Hello, "), "{\"type\":\"refusal\",\"refusal\":\"[refused]\"}",
						outputText("world")),
				functionCall("fc_1", "call_1", "get_weather", "{\"city\":\"Paris\"}"),
				"{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\"}",
				message("msg_2", outputText("!"), "{\"type\":\"output_text\"}", outputText(" Bye.")),
				message("msg_3"));
		assertThat(response.outputText()).isEqualTo("Hello, world! Bye.");
		assertThat(response.output()).extracting(OutputItem::type)
			.containsExactly("reasoning", "message", "function_call", "web_search_call", "message", "message");
		assertThat(response.output()).extracting(OutputItem::id)
			.containsExactly("rs_1", "msg_1", "fc_1", "ws_1", "msg_2", "msg_3");
		assertThat(((OutputMessage) response.output().get(1)).text()).isEqualTo("Hello, world");
		assertThat(((OutputMessage) response.output().get(5)).text()).isEmpty();
		assertThat(((ReasoningItem) response.output().get(0)).summary()).containsExactly("thinking");
	}

	@Test
	void outputTextIsEmptyWithoutMessages() {
		assertThat(response().outputText()).isEmpty();
		assertThat(response(functionCall("fc_1", "c", "f", "{}")).outputText()).isEmpty();
	}

	@Test
	void functionCallsInOutputOrder() {
		Response response = response(functionCall("fc_1", "call_1", "get_weather", "{\"city\":\"Paris\"}"),
				message("msg_1", outputText("Checking.")), functionCall("fc_2", "call_2", "get_time", ""),
				"{\"type\":\"custom_tool_call\",\"id\":\"ctc_1\",\"call_id\":\"call_3\",\"name\":\"x\",\"input\":\"y\"}");
		assertThat(response.functionCalls()).extracting(FunctionCall::id, FunctionCall::callId, FunctionCall::name,
				FunctionCall::arguments, FunctionCall::status)
			.containsExactly(
					tuple("fc_1", "call_1", "get_weather", "{\"city\":\"Paris\"}",
							"completed"),
					tuple("fc_2", "call_2", "get_time", "", "completed"));
		assertThat(response.functionCalls().get(0).tree()).isSameAs(response.output().get(0).tree());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> response.functionCalls().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> response.output().clear());
	}

	@Test
	void functionCallsAreEmptyWithoutCalls() {
		assertThat(response(message("msg_1", outputText("Hi"))).functionCalls()).isEmpty();
	}

	@Test
	void responseFields() {
		Response response = Response.fromTree(json("""
				{"id":"resp_1","status":"failed","model":"gpt-5.1","previous_response_id":"resp_0",\
				"error":{"code":"server_error","message":"boom","extra":1},"incomplete_details":{"reason":"content_filter"},\
				"usage":{"input_tokens":10,"output_tokens":5}}"""));
		assertThat(response.id()).isEqualTo("resp_1");
		assertThat(response.status()).isEqualTo("failed");
		assertThat(response.model()).isEqualTo("gpt-5.1");
		assertThat(response.previousResponseId()).isEqualTo("resp_0");
		assertThat(response.error()).isEqualTo(new ResponseError("server_error", "boom"));
		assertThat(response.incompleteReason()).isEqualTo("content_filter");
		assertThat(response.usage()).isEqualTo(new Usage(10, 0, 5, 0, 15));
		assertThat(response.output()).isEmpty();
	}

	@Test
	void usageIsZeroWhenAbsentOrNull() {
		assertThat(Response.fromTree(json("{\"id\":\"r\"}")).usage()).isSameAs(Usage.ZERO);
		assertThat(Response.fromTree(json("{\"id\":\"r\",\"usage\":null}")).usage()).isSameAs(Usage.ZERO);
		assertThat(Usage.ZERO).isEqualTo(new Usage(0, 0, 0, 0, 0));
	}

	@Test
	void usageReadsTheTokenDetails() {
		Usage usage = Usage.fromTree(json("""
				{"input_tokens":1523,"input_tokens_details":{"cached_tokens":1280},"output_tokens":412,\
				"output_tokens_details":{"reasoning_tokens":256},"total_tokens":1935}"""));
		assertThat(usage).isEqualTo(new Usage(1523, 1280, 412, 256, 1935));
		assertThat(usage.inputTokens()).isEqualTo(1523);
		assertThat(usage.cachedInputTokens()).isEqualTo(1280);
		assertThat(usage.outputTokens()).isEqualTo(412);
		assertThat(usage.reasoningTokens()).isEqualTo(256);
		assertThat(usage.totalTokens()).isEqualTo(1935);
	}

	@Test
	void usageDefaults() {
		assertThat(Usage.fromTree(json("{}"))).isEqualTo(Usage.ZERO);
		assertThat(Usage.fromTree(json("{\"input_tokens\":7,\"output_tokens\":3}"))).isEqualTo(new Usage(7, 0, 3, 0, 10));
		assertThat(Usage.fromTree(json(
				"{\"input_tokens\":7,\"input_tokens_details\":null,\"output_tokens_details\":{},\"total_tokens\":null}")))
			.isEqualTo(new Usage(7, 0, 0, 0, 7));
		assertThat(Usage.fromTree(json("{\"input_tokens\":7,\"output_tokens\":3,\"total_tokens\":11}")).totalTokens())
			.as("the server's total wins").isEqualTo(11);
		assertThat(Usage.fromTree(json("{\"input_tokens\":" + Long.MAX_VALUE + "}")).inputTokens())
			.isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void usagePlusAddsEveryCounter() {
		Usage first = new Usage(1523, 1280, 412, 256, 1935);
		Usage second = new Usage(200, 100, 50, 10, 250);
		assertThat(first.plus(second)).isEqualTo(new Usage(1723, 1380, 462, 266, 2185));
		assertThat(second.plus(first)).isEqualTo(first.plus(second));
		assertThat(first.plus(Usage.ZERO)).isEqualTo(first);
		assertThat(Usage.ZERO.plus(Usage.ZERO)).isEqualTo(Usage.ZERO);
		assertThat(List.of(first, second, first).stream().reduce(Usage.ZERO, Usage::plus))
			.isEqualTo(new Usage(3246, 2660, 874, 522, 4120));
	}

	@Test
	void outputItemsKeepTheirJson() {
		String item = "{\"type\":\"image_generation_call\",\"id\":\"ig_1\",\"result\":\"iVBORw0KGgo=\",\"status\":\"completed\"}";
		OutputItem output = OutputItem.fromTree(json(item));
		assertThat(output).isEqualTo(new OtherOutputItem("image_generation_call", "ig_1", json(item)));
		assertThat(output.tree().toString()).isEqualTo(item);
	}

	@Test
	void messageRoleDefaultsToAssistant() {
		OutputMessage message = (OutputMessage) OutputItem.fromTree(json("{\"type\":\"message\"}"));
		assertThat(message.role()).isEqualTo("assistant");
		assertThat(message.id()).isNull();
		assertThat(message.status()).isNull();
		assertThat(message.content()).isEmpty();
		assertThat(message.type()).isEqualTo("message");
	}

	@Test
	void reasoningSummaryPartsWithoutTextAreEmpty() {
		ReasoningItem item = (ReasoningItem) OutputItem
			.fromTree(json("{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\"},{\"text\":\"t\"}]}"));
		assertThat(item.summary()).containsExactly("", "t");
		assertThat(item.id()).isNull();
		assertThat(item.type()).isEqualTo("reasoning");
	}

	@Test
	void contentPartText() {
		assertThat(ContentPart.fromTree(json("{\"type\":\"output_text\",\"text\":\"a\"}")).text()).isEqualTo("a");
		assertThat(ContentPart.fromTree(json("{\"type\":\"input_text\",\"text\":\"b\"}")).text()).isEqualTo("b");
		assertThat(ContentPart.fromTree(json("{\"type\":\"refusal\",\"refusal\":\"no\"}")).text()).isEqualTo("no");
		assertThat(ContentPart.fromTree(json("{\"type\":\"output_text\"}")).text()).isNull();
		assertThat(ContentPart.fromTree(json("{\"type\":\"input_image\",\"text\":\"ignored\"}")).text()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "\"resp_1\"", "null", "{}", "{\"id\":null}", "{\"id\":[]}",
			"{\"id\":\"r\",\"output\":[{}]}", "{\"id\":\"r\",\"output\":[{\"type\":\"function_call\"}]}",
			"{\"id\":\"r\",\"usage\":{\"output_tokens\":-1.5}}", "{\"id\":\"r\",\"error\":[]}",
			"{\"id\":\"r\",\"model\":1}", "{\"id\":\"r\",\"previous_response_id\":true}" })
	void malformedResponseIsAProtocolDecodingException(String text) {
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> Response.fromTree(json(text)))
			.withMessageMatching(".*(must be|is missing).*");
	}

	@Test
	void malformedPartsAndItemsAreProtocolDecodingExceptions() {
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> ContentPart.fromTree(json("\"text\"")))
			.withMessage("content part must be a JSON object but was string");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> OutputItem.fromTree(json("{\"id\":\"x\"}")))
			.withMessage("Required field 'type' is missing");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> Usage.fromTree(json("[]")))
			.withMessageContaining("usage must be a JSON object");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> ResponseError.fromTree(json("{\"message\":false}")))
			.withMessage("Field 'message' must be a string but was boolean");
	}

}
