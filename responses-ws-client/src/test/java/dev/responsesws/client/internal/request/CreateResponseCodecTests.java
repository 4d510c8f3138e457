package dev.responsesws.client.internal.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.FunctionCallOutput;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.ItemReference;
import dev.responsesws.client.request.RawItem;
import dev.responsesws.client.request.RawTool;
import dev.responsesws.client.request.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Encoding of {@link CreateResponse} for both transports and reading it back.
 */
public class CreateResponseCodecTests {

	static final String WEATHER_SCHEMA = """
			{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string",\
			"enum":["celsius","fahrenheit"]}},"required":["location","unit"],"additionalProperties":false}""";

	private final CreateResponseCodec codec = new CreateResponseCodec();

	public static JsonNode json(String text) {
		return ProtocolJson.mapper().readTree(text);
	}

	private static ObjectNode parseObject(String text) {
		JsonNode node = json(text);
		assertThat(node.isObject()).as("is an object: %s", text).isTrue();
		return (ObjectNode) node;
	}

	/**
	 * A request with every typed field set, every kind of input item and tool, and extra fields.
	 */
	public static CreateResponse fullRequest() {
		return CreateResponse.builder()
			.model("gpt-5.1")
			.input(InputMessage.developer("Use metric units."), InputMessage.user("What's the weather in Paris?"),
					InputMessage.assistant("Let me check."),
					new FunctionCallOutput("call_unLAR8MvFNptuiZK6K6HCy5k", "{\"temperature\":21,\"unit\":\"C\"}"),
					new ItemReference("msg_67ccd2bf17f0819081ff3bb2cf6508e6"),
					new RawItem(json("""
							{"type":"message","role":"user","content":[{"type":"input_text","text":"And this?"},\
							{"type":"input_image","image_url":"https://example.com/a.png","detail":"low"}]}""")),
					new RawItem(json("""
							{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB"}""")))
			.instructions("You are a helpful assistant.")
			.tools(FunctionTool.of("get_weather", "Get the current weather", WEATHER_SCHEMA),
					new FunctionTool("lookup", null, json("{\"type\":\"object\",\"properties\":{}}"), true),
					new RawTool(json("{\"type\":\"web_search\",\"search_context_size\":\"low\"}")))
			.toolChoice(json("{\"type\":\"function\",\"name\":\"get_weather\"}"))
			.parallelToolCalls(false)
			.reasoning(json("{\"effort\":\"low\",\"summary\":\"auto\"}"))
			.include("reasoning.encrypted_content", "web_search_call.action.sources")
			.store(false)
			.previousResponseId("resp_67ccd2a3b4c58190a0b1c2d3e4f5a6b7")
			.text(json("{\"format\":{\"type\":\"text\"},\"verbosity\":\"low\"}"))
			.maxOutputTokens(2048)
			.metadata("session", "s-1")
			.metadata("turn", "3")
			.promptCacheKey("conversation-42")
			.serviceTier("priority")
			.truncation("auto")
			.user("user-1234")
			.generate(false)
			.streamId("lane-a")
			.extra("context_management",
					json("[{\"type\":\"compaction\",\"compact_threshold\":200000,\"keep\":{\"last\":[1,2.5,null]}}]"))
			.build();
	}

	@Test
	void webSocketMessageRoundTripsEveryField() {
		CreateResponse request = fullRequest();
		ObjectNode message = parseObject(this.codec.toWebSocketMessage(request));
		assertThat(message.propertyNames()).containsExactly("type", "model", "input", "instructions", "tools",
				"tool_choice", "parallel_tool_calls", "reasoning", "include", "store", "previous_response_id", "text",
				"max_output_tokens", "metadata", "prompt_cache_key", "service_tier", "truncation", "user", "generate",
				"stream_id", "context_management");
		assertThat(message.get("type").stringValue()).isEqualTo("response.create");
		assertThat(message.has("stream")).isFalse();
		assertThat(message.has("background")).isFalse();
		message.remove("type");
		CreateResponse decoded = this.codec.fromTree(message);
		assertThat(decoded).isEqualTo(request).hasSameHashCodeAs(request);
		assertThat(this.codec.fromJson(message.toString())).isEqualTo(request);
		assertThat(decoded.input()).hasExactlyElementsOfTypes(InputMessage.class, InputMessage.class,
				InputMessage.class, FunctionCallOutput.class, ItemReference.class, RawItem.class, RawItem.class);
		assertThat(decoded.tools()).hasExactlyElementsOfTypes(FunctionTool.class, FunctionTool.class, RawTool.class);
		assertThat(decoded.generate()).isFalse();
		assertThat(decoded.streamId()).isEqualTo("lane-a");
	}

	@Test
	void webSocketMessageHasTheWireShapeOfEveryField() {
		ObjectNode message = parseObject(this.codec.toWebSocketMessage(fullRequest()));
		assertThat(message.get("model").stringValue()).isEqualTo("gpt-5.1");
		assertThat(message.get("input").get(0)).isEqualTo(json("""
				{"type":"message","role":"developer","content":"Use metric units."}"""));
		assertThat(message.get("input").get(3)).isEqualTo(json("""
				{"type":"function_call_output","call_id":"call_unLAR8MvFNptuiZK6K6HCy5k",\
				"output":"{\\"temperature\\":21,\\"unit\\":\\"C\\"}"}"""));
		assertThat(message.get("input").get(4))
			.isEqualTo(json("{\"type\":\"item_reference\",\"id\":\"msg_67ccd2bf17f0819081ff3bb2cf6508e6\"}"));
		assertThat(message.get("tools").get(0)).isEqualTo(json("{\"type\":\"function\",\"name\":\"get_weather\","
				+ "\"description\":\"Get the current weather\",\"parameters\":" + WEATHER_SCHEMA + "}"));
		assertThat(message.get("tools").get(1)).isEqualTo(json(
				"{\"type\":\"function\",\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{}},\"strict\":true}"));
		assertThat(message.get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"name\":\"get_weather\"}"));
		assertThat(message.get("parallel_tool_calls").isBoolean()).isTrue();
		assertThat(message.get("include")).isEqualTo(json("[\"reasoning.encrypted_content\",\"web_search_call.action.sources\"]"));
		assertThat(message.get("max_output_tokens").intValue()).isEqualTo(2048);
		assertThat(message.get("metadata")).isEqualTo(json("{\"session\":\"s-1\",\"turn\":\"3\"}"));
		assertThat(message.get("generate").isBoolean()).isTrue();
		assertThat(message.get("generate").booleanValue()).isFalse();
		assertThat(message.get("context_management").get(0).get("keep").get("last").get(1).doubleValue())
			.isEqualTo(2.5);
	}

	@Test
	void httpBodyStreamsAndHasNoType() {
		CreateResponse request = fullRequest();
		ObjectNode body = parseObject(this.codec.toHttpBody(request));
		assertThat(body.get("stream").booleanValue()).isTrue();
		assertThat(body.has("type")).isFalse();
		assertThat(body.propertyNames()).first().isEqualTo("model");
		assertThat(body.propertyNames()).last().isEqualTo("stream");
		body.remove("stream");
		assertThat(this.codec.fromTree(body)).isEqualTo(request);
	}

	@Test
	void httpBodyAndWebSocketMessageCarryTheSameBodyFields() {
		CreateResponse request = fullRequest();
		ObjectNode message = parseObject(this.codec.toWebSocketMessage(request));
		ObjectNode body = parseObject(this.codec.toHttpBody(request));
		message.remove("type");
		body.remove("stream");
		assertThat(message).isEqualTo(body).isEqualTo(this.codec.toTree(request));
	}

	@Test
	void readingAMessageKeepsTypeAndStreamAsExtraFields() {
		CreateResponse decoded = this.codec
			.fromJson("{\"type\":\"response.create\",\"model\":\"m\",\"stream\":true,\"background\":false}");
		assertThat(decoded.model()).isEqualTo("m");
		assertThat(decoded.extra()).containsOnlyKeys("type", "stream", "background");
		assertThat(decoded.extra().get("type").stringValue()).isEqualTo("response.create");
		assertThat(decoded.extra().get("stream").booleanValue()).isTrue();
	}

	@Test
	void toolChoiceAsAString() {
		CreateResponse request = CreateResponse.builder().model("m").toolChoice("required").build();
		ObjectNode message = parseObject(this.codec.toWebSocketMessage(request));
		assertThat(message.get("tool_choice").isString()).isTrue();
		assertThat(message.get("tool_choice").stringValue()).isEqualTo("required");
		message.remove("type");
		assertThat(this.codec.fromTree(message)).isEqualTo(request);
	}

	@Test
	void emptyRequestIsOnlyTheType() {
		CreateResponse request = CreateResponse.builder().build();
		assertThat(this.codec.toWebSocketMessage(request)).isEqualTo("{\"type\":\"response.create\"}");
		assertThat(this.codec.toHttpBody(request)).isEqualTo("{\"stream\":true}");
		assertThat(this.codec.fromJson("{}")).isEqualTo(request);
	}

	@Test
	void goldenWebSocketMessage() {
		CreateResponse request = CreateResponse.builder()
			.model("gpt-5.1")
			.input(InputMessage.user("Hi"), new FunctionCallOutput("call_1", "{\"ok\":true}"), new ItemReference("msg_1"))
			.instructions("Be brief.")
			.tools(FunctionTool.of("get_weather", "Get the weather",
					"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
			.toolChoice("auto")
			.parallelToolCalls(true)
			.reasoning(json("{\"effort\":\"low\"}"))
			.include("reasoning.encrypted_content")
			.store(false)
			.previousResponseId("resp_1")
			.text(json("{\"verbosity\":\"low\"}"))
			.maxOutputTokens(256)
			.metadata("k", "v")
			.promptCacheKey("pck")
			.serviceTier("flex")
			.truncation("disabled")
			.user("u1")
			.generate(false)
			.streamId("lane-1")
			.build();
		assertThat(this.codec.toWebSocketMessage(request)).isEqualTo("""
				{"type":"response.create","model":"gpt-5.1","input":[\
				{"type":"message","role":"user","content":"Hi"},\
				{"type":"function_call_output","call_id":"call_1","output":"{\\"ok\\":true}"},\
				{"type":"item_reference","id":"msg_1"}],\
				"instructions":"Be brief.",\
				"tools":[{"type":"function","name":"get_weather","description":"Get the weather",\
				"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],\
				"tool_choice":"auto","parallel_tool_calls":true,"reasoning":{"effort":"low"},\
				"include":["reasoning.encrypted_content"],"store":false,"previous_response_id":"resp_1",\
				"text":{"verbosity":"low"},"max_output_tokens":256,"metadata":{"k":"v"},"prompt_cache_key":"pck",\
				"service_tier":"flex","truncation":"disabled","user":"u1","generate":false,"stream_id":"lane-1"}""");
	}

	@Test
	void goldenWarmUpAndHttpBodyWithTextThatNeedsEscaping() {
		CreateResponse warmUp = CreateResponse.builder()
			.model("gpt-5.1")
			.instructions("Say \"héllo 👋\"\n\tthen stop\\")
			.store(false)
			.generate(false)
			.build();
		assertThat(this.codec.toWebSocketMessage(warmUp)).isEqualTo("""
				{"type":"response.create","model":"gpt-5.1","instructions":"Say \\"héllo 👋\\"\\n\\tthen stop\\\\",\
				"store":false,"generate":false}""");
		assertThat(this.codec.toHttpBody(warmUp)).isEqualTo("""
				{"model":"gpt-5.1","instructions":"Say \\"héllo 👋\\"\\n\\tthen stop\\\\","store":false,\
				"generate":false,"stream":true}""");
		assertThat(this.codec.fromJson(this.codec.toHttpBody(warmUp)).instructions())
			.isEqualTo(warmUp.instructions());
	}

	@Test
	void extraFieldReplacesTypedFieldOfTheSameNameInPlace() {
		CreateResponse request = CreateResponse.builder()
			.model("gpt-5.1")
			.input(InputMessage.user("typed"))
			.store(true)
			.extra("model", "gpt-5.1-mini")
			.extra("store", json("{\"mode\":\"future\"}"))
			.build();
		ObjectNode message = parseObject(this.codec.toWebSocketMessage(request));
		assertThat(message.propertyNames()).containsExactly("type", "model", "input", "store");
		assertThat(message.get("model").stringValue()).isEqualTo("gpt-5.1-mini");
		assertThat(message.get("store")).isEqualTo(json("{\"mode\":\"future\"}"));
		ObjectNode body = parseObject(this.codec.toHttpBody(request));
		assertThat(body.get("model").stringValue()).isEqualTo("gpt-5.1-mini");
	}

	@Test
	void extraInputReplacesTypedInput() {
		CreateResponse request = CreateResponse.builder()
			.input(InputMessage.user("typed"))
			.extra("input", "plain text input")
			.build();
		assertThat(this.codec.toTree(request).get("input").stringValue()).isEqualTo("plain text input");
	}

	@Test
	void extraValuesAreConvertedWithTheProtocolMapper() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("camelCaseKey", List.of(1, "two", true));
		nested.put("n", 2.5);
		CreateResponse request = CreateResponse.builder().extra("future_field", nested).extra("flag", true).build();
		assertThat(this.codec.toTree(request)).isEqualTo(
				json("{\"future_field\":{\"camelCaseKey\":[1,\"two\",true],\"n\":2.5},\"flag\":true}"));
	}

	@Test
	void stringInputIsOneUserMessage() {
		CreateResponse request = this.codec.fromJson("{\"model\":\"gpt-5.1\",\"input\":\"Hello there\"}");
		assertThat(request.input()).containsExactly(InputMessage.user("Hello there"));
		assertThat(this.codec.toTree(request).get("input"))
			.isEqualTo(json("[{\"type\":\"message\",\"role\":\"user\",\"content\":\"Hello there\"}]"));
	}

	@Test
	void nullFieldsCountAsAbsent() {
		CreateResponse request = this.codec.fromJson("""
				{"model":null,"input":null,"instructions":null,"tools":null,"tool_choice":null,\
				"parallel_tool_calls":null,"reasoning":null,"include":null,"store":null,"previous_response_id":null,\
				"text":null,"max_output_tokens":null,"metadata":null,"prompt_cache_key":null,"service_tier":null,\
				"truncation":null,"user":null}""");
		assertThat(request).isEqualTo(CreateResponse.builder().build());
	}

	static Stream<Arguments> typedInputItems() {
		return Stream.of(
				argumentSet("message", "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}",
						InputMessage.user("hi")),
				argumentSet("message without type", "{\"role\":\"developer\",\"content\":\"rules\"}",
						InputMessage.developer("rules")),
				argumentSet("message with another role", "{\"type\":\"message\",\"role\":\"system\",\"content\":\"s\"}",
						new InputMessage("system", "s")),
				argumentSet("function call output",
						"{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"42\"}",
						new FunctionCallOutput("call_1", "42")),
				argumentSet("fields in another order",
						"{\"output\":\"42\",\"call_id\":\"call_1\",\"type\":\"function_call_output\"}",
						new FunctionCallOutput("call_1", "42")),
				argumentSet("item reference", "{\"type\":\"item_reference\",\"id\":\"msg_1\"}",
						new ItemReference("msg_1")));
	}

	@ParameterizedTest
	@MethodSource("typedInputItems")
	void itemsOfExactlyATypedShapeAreTyped(String item, InputItem expected) {
		CreateResponse request = this.codec.fromJson("{\"input\":[" + item + "]}");
		assertThat(request.input()).containsExactly(expected);
		assertThat(InputItem.fromTree(json(item))).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\",\"id\":\"msg_1\"}",
			"{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}",
			"{\"type\":\"message\",\"role\":1,\"content\":\"hi\"}",
			"{\"type\":\"message\",\"content\":\"hi\"}",
			"{\"type\":\"msg\",\"role\":\"user\",\"content\":\"hi\"}",
			"{\"type\":null,\"role\":\"user\",\"content\":\"hi\"}",
			"{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"o\",\"status\":\"completed\"}",
			"{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":[{\"type\":\"input_text\",\"text\":\"o\"}]}",
			"{\"type\":\"function_call_output\",\"call_id\":\"c\"}",
			"{\"type\":\"function_call_output\",\"call_id\":7,\"output\":\"o\"}",
			"{\"type\":\"item_reference\",\"id\":\"msg_1\",\"x\":{\"nested\":[1,{\"deep\":true}]}}",
			"{\"type\":\"item_reference\",\"id\":null}",
			"{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"{}\",\"status\":\"completed\"}",
			"{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"s\"}],\"encrypted_content\":\"gAAA\"}",
			"{\"type\":\"compaction\",\"encrypted_content\":\"x\"}",
			"{}" })
	void itemsOfOtherShapesAreRawAndSurviveUnchanged(String item) {
		CreateResponse request = this.codec.fromJson("{\"input\":[" + item + "]}");
		assertThat(request.input()).singleElement().isEqualTo(new RawItem(json(item)));
		assertThat(this.codec.toTree(request).get("input").get(0).toString()).isEqualTo(item);
		assertThat(this.codec.toWebSocketMessage(request)).contains("\"input\":[" + item + "]");
	}

	@Test
	void rawItemIsCopiedWhenEncoded() {
		ObjectNode item = parseObject("{\"type\":\"future\",\"v\":1}");
		RawItem raw = new RawItem(item);
		JsonNode encoded = raw.tree();
		assertThat(encoded).isEqualTo(item).isNotSameAs(item);
		((ObjectNode) encoded).put("v", 2);
		assertThat(item.get("v").intValue()).isEqualTo(1);
	}

	static Stream<Arguments> tools() {
		return Stream.of(
				argumentSet("function with everything",
						"{\"type\":\"function\",\"name\":\"f\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"},\"strict\":false}",
						new FunctionTool("f", "d", json("{\"type\":\"object\"}"), false)),
				argumentSet("function with name and parameters only",
						"{\"type\":\"function\",\"name\":\"f\",\"parameters\":{}}",
						new FunctionTool("f", null, json("{}"), null)),
				argumentSet("function with an unknown field",
						"{\"type\":\"function\",\"name\":\"f\",\"parameters\":{},\"defer_loading\":true}",
						new RawTool(json("{\"type\":\"function\",\"name\":\"f\",\"parameters\":{},\"defer_loading\":true}"))),
				argumentSet("function without parameters", "{\"type\":\"function\",\"name\":\"f\"}",
						new RawTool(json("{\"type\":\"function\",\"name\":\"f\"}"))),
				argumentSet("function with null description",
						"{\"type\":\"function\",\"name\":\"f\",\"description\":null,\"parameters\":{}}",
						new RawTool(json("{\"type\":\"function\",\"name\":\"f\",\"description\":null,\"parameters\":{}}"))),
				argumentSet("function with string strict",
						"{\"type\":\"function\",\"name\":\"f\",\"parameters\":{},\"strict\":\"yes\"}",
						new RawTool(json("{\"type\":\"function\",\"name\":\"f\",\"parameters\":{},\"strict\":\"yes\"}"))),
				argumentSet("web search", "{\"type\":\"web_search\"}", new RawTool(json("{\"type\":\"web_search\"}"))),
				argumentSet("mcp",
						"{\"type\":\"mcp\",\"server_label\":\"deepwiki\",\"server_url\":\"https://mcp.deepwiki.com/mcp\",\"require_approval\":\"never\"}",
						new RawTool(json("{\"type\":\"mcp\",\"server_label\":\"deepwiki\",\"server_url\":\"https://mcp.deepwiki.com/mcp\",\"require_approval\":\"never\"}"))));
	}

	@ParameterizedTest
	@MethodSource("tools")
	void toolsAreTypedOnlyWhenExactlyAFunction(String tool, Tool expected) {
		CreateResponse request = this.codec.fromJson("{\"tools\":[" + tool + "]}");
		assertThat(request.tools()).containsExactly(expected);
		assertThat(this.codec.toTree(request).get("tools").get(0)).isEqualTo(json(tool));
	}

	static Stream<Arguments> wrongFieldTypes() {
		return Stream.of(
				wrong("{\"model\":42}", "'model'"),
				wrong("{\"model\":{\"name\":\"gpt\"}}", "'model'"),
				wrong("{\"input\":5}", "'input'"),
				wrong("{\"input\":{\"role\":\"user\",\"content\":\"hi\"}}", "'input'"),
				wrong("{\"input\":true}", "'input'"),
				wrong("{\"instructions\":[\"a\"]}", "'instructions'"),
				wrong("{\"tools\":{}}", "'tools'"),
				wrong("{\"tools\":\"web_search\"}", "'tools'"),
				wrong("{\"parallel_tool_calls\":\"true\"}", "'parallel_tool_calls'"),
				wrong("{\"parallel_tool_calls\":1}", "'parallel_tool_calls'"),
				wrong("{\"reasoning\":\"low\"}", "'reasoning'"),
				wrong("{\"reasoning\":[]}", "'reasoning'"),
				wrong("{\"include\":\"reasoning.encrypted_content\"}", "'include'"),
				wrong("{\"include\":[1]}", "include[]"),
				wrong("{\"include\":[null]}", "include[]"),
				wrong("{\"include\":[[\"x\"]]}", "include[]"),
				wrong("{\"store\":\"false\"}", "'store'"),
				wrong("{\"store\":0}", "'store'"),
				wrong("{\"previous_response_id\":1}", "'previous_response_id'"),
				wrong("{\"previous_response_id\":{}}", "'previous_response_id'"),
				wrong("{\"text\":\"plain\"}", "'text'"),
				wrong("{\"max_output_tokens\":\"100\"}", "'max_output_tokens'"),
				wrong("{\"max_output_tokens\":1.5}", "'max_output_tokens'"),
				wrong("{\"max_output_tokens\":2147483648}", "'max_output_tokens'"),
				wrong("{\"max_output_tokens\":123456789012345678901234567890}", "'max_output_tokens'"),
				wrong("{\"metadata\":[]}", "'metadata'"),
				wrong("{\"metadata\":\"k=v\"}", "'metadata'"),
				wrong("{\"prompt_cache_key\":1}", "'prompt_cache_key'"),
				wrong("{\"service_tier\":{}}", "'service_tier'"),
				wrong("{\"truncation\":true}", "'truncation'"),
				wrong("{\"user\":1}", "'user'"),
				wrong("{\"model\":\"ok\",\"user\":[]}", "'user'"));
	}

	private static Arguments wrong(String json, String messageFragment) {
		return argumentSet(json, json, messageFragment);
	}

	@ParameterizedTest
	@MethodSource("wrongFieldTypes")
	void wrongFieldTypeIsAProtocolDecodingException(String json, String messageFragment) {
		Throwable thrown = catchThrowable(() -> this.codec.fromJson(json));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class).hasMessageContaining(messageFragment);
		assertThat(((ProtocolDecodingException) thrown).excerpt()).isEqualTo(json);
		assertThat(catchThrowable(() -> this.codec.fromTree(json(json))))
			.isExactlyInstanceOf(ProtocolDecodingException.class)
			.hasMessageContaining(messageFragment);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "not json", "{", "{\"model\":", "[]", "[{}]", "\"str\"", "42", "null", "true",
			"{}{}", "{\"model\":\"m\"} x", "{'model':'m'}", "{\"model\":\"m\",}" })
	void malformedRequestTextIsAProtocolDecodingException(String json) {
		Throwable thrown = catchThrowable(() -> this.codec.fromJson(json));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class);
		assertThat(thrown.getMessage()).isNotBlank();
		assertThat(((ProtocolDecodingException) thrown).excerpt()).isEqualTo(json);
	}

	@Test
	void deeplyNestedRequestIsAProtocolDecodingException() {
		String json = "{\"future\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
		Throwable thrown = catchThrowable(() -> this.codec.fromJson(json));
		assertThat(thrown).isExactlyInstanceOf(ProtocolDecodingException.class).hasMessageContaining("nesting depth");
		assertThat(((ProtocolDecodingException) thrown).excerpt()).isEqualTo(json.substring(0, 200) + "...");
	}

	@Test
	void nonObjectTreeIsAProtocolDecodingException() {
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> this.codec.fromTree(json("[]")))
			.withMessageContaining("request must be a JSON object");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{", "[1]", "[]", "\"string\"", "42", "null", "true", "{} {}", "{}x" })
	void functionToolWithInvalidSchemaIsRejected(String schema) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> FunctionTool.of("get_weather", "Get the weather", schema))
			.withMessageContaining("get_weather");
	}

	@Test
	void functionToolOfParsesTheSchema() {
		FunctionTool tool = FunctionTool.of("get_weather", "Get the weather", WEATHER_SCHEMA);
		assertThat(tool).isEqualTo(new FunctionTool("get_weather", "Get the weather", json(WEATHER_SCHEMA), null));
		assertThat(tool.tree()).isEqualTo(json("{\"type\":\"function\",\"name\":\"get_weather\","
				+ "\"description\":\"Get the weather\",\"parameters\":" + WEATHER_SCHEMA + "}"));
	}

	@Test
	void encodingDoesNotShareNodesWithTheRequest() {
		CreateResponse request = fullRequest();
		ObjectNode json = this.codec.toTree(request);
		((ObjectNode) json.get("reasoning")).put("effort", "high");
		((ObjectNode) json.get("tool_choice")).put("name", "other");
		((ObjectNode) json.get("text")).removeAll();
		((ObjectNode) json.get("tools").get(0).get("parameters")).removeAll();
		((ObjectNode) json.get("input").get(5)).removeAll();
		json.get("context_management").values().forEach((node) -> ((ObjectNode) node).removeAll());
		assertThat(request).isEqualTo(fullRequest());
	}

	@Test
	void inputItemsAreDecodedInOrder() {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			items.add((i % 2 == 0) ? "{\"role\":\"user\",\"content\":\"m" + i + "\"}"
					: "{\"type\":\"item_reference\",\"id\":\"i" + i + "\"}");
		}
		CreateResponse request = this.codec.fromJson("{\"input\":[" + String.join(",", items) + "]}");
		assertThat(request.input()).hasSize(50);
		assertThat(request.input().get(48)).isEqualTo(InputMessage.user("m48"));
		assertThat(request.input().get(49)).isEqualTo(new ItemReference("i49"));
	}

}
