package dev.responsesws.client.request;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static dev.responsesws.client.internal.request.CreateResponseCodecTests.fullRequest;
import static dev.responsesws.client.internal.request.CreateResponseCodecTests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The {@link CreateResponse} value: builder, derivation, equality and string form.
 */
class CreateResponseTests {

	@Test
	void newBuilderHasNoFieldSet() {
		CreateResponse request = CreateResponse.builder().build();
		assertThat(request.model()).isNull();
		assertThat(request.input()).isEmpty();
		assertThat(request.instructions()).isNull();
		assertThat(request.tools()).isEmpty();
		assertThat(request.toolChoice()).isNull();
		assertThat(request.parallelToolCalls()).isNull();
		assertThat(request.reasoning()).isNull();
		assertThat(request.include()).isEmpty();
		assertThat(request.store()).isNull();
		assertThat(request.previousResponseId()).isNull();
		assertThat(request.text()).isNull();
		assertThat(request.maxOutputTokens()).isNull();
		assertThat(request.metadata()).isEmpty();
		assertThat(request.promptCacheKey()).isNull();
		assertThat(request.serviceTier()).isNull();
		assertThat(request.truncation()).isNull();
		assertThat(request.user()).isNull();
		assertThat(request.extra()).isEmpty();
		assertThat(request.generate()).isNull();
		assertThat(request.streamId()).isNull();
	}

	@Test
	void toBuilderCopiesEveryField() {
		CreateResponse request = fullRequest();
		CreateResponse copy = request.toBuilder().build();
		assertThat(copy).isEqualTo(request).hasSameHashCodeAs(request).isNotSameAs(request);
		assertThat(copy.input()).isEqualTo(request.input());
		assertThat(copy.tools()).isEqualTo(request.tools());
		assertThat(copy.extra()).isEqualTo(request.extra());
	}

	@Test
	void derivingDoesNotChangeTheOriginal() {
		CreateResponse request = fullRequest();
		CreateResponse next = request.toBuilder()
			.input(new FunctionCallOutput("call_2", "done"))
			.tools()
			.previousResponseId("resp_next")
			.metadata("turn", "4")
			.addInclude("message.output_text.logprobs")
			.generate(null)
			.streamId(null)
			.build();
		assertThat(request).isEqualTo(fullRequest());
		assertThat(next.input()).containsExactly(new FunctionCallOutput("call_2", "done"));
		assertThat(next.tools()).isEmpty();
		assertThat(next.previousResponseId()).isEqualTo("resp_next");
		assertThat(next.metadata()).containsExactly(Map.entry("session", "s-1"), Map.entry("turn", "4"));
		assertThat(next.include()).containsExactly("reasoning.encrypted_content", "web_search_call.action.sources",
				"message.output_text.logprobs");
		assertThat(next.generate()).isNull();
		assertThat(next.streamId()).isNull();
		assertThat(next.extra()).containsOnlyKeys("context_management");
	}

	@Test
	void builderChangesAfterBuildDoNotAffectTheRequest() {
		CreateResponse.Builder builder = CreateResponse.builder().input(InputMessage.user("one")).metadata("k", "v");
		CreateResponse request = builder.build();
		builder.input(InputMessage.user("two")).metadata("k2", "v2").extra("x", 1).include("i").tools(
				new RawTool(json("{\"type\":\"web_search\"}")));
		assertThat(request.input()).containsExactly(InputMessage.user("one"));
		assertThat(request.metadata()).containsOnlyKeys("k");
		assertThat(request.extra()).isEmpty();
		assertThat(request.include()).isEmpty();
		assertThat(request.tools()).isEmpty();
	}

	@Test
	void collectionsAreUnmodifiable() {
		CreateResponse request = fullRequest();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.input().add(InputMessage.user("x")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.tools().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.include().add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.metadata().put("k", "v"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> request.extra().clear());
	}

	@Test
	void addersAppendInOrder() {
		CreateResponse request = CreateResponse.builder()
			.addInput(InputMessage.user("a"))
			.addInput(List.of(InputMessage.assistant("b"), new ItemReference("c")))
			.addTool(new RawTool(json("{\"type\":\"web_search\"}")))
			.addTools(List.of(FunctionTool.of("f", "d", "{}")))
			.addInclude("x")
			.addInclude("y", "z")
			.build();
		assertThat(request.input()).containsExactly(InputMessage.user("a"), InputMessage.assistant("b"),
				new ItemReference("c"));
		assertThat(request.tools()).hasExactlyElementsOfTypes(RawTool.class, FunctionTool.class);
		assertThat(request.include()).containsExactly("x", "y", "z");
	}

	@Test
	void settersReplaceWhatWasSetBeforeLikeEveryOtherSetter() {
		CreateResponse request = CreateResponse.builder()
			.input(InputMessage.user("a"), InputMessage.user("b"))
			.tools(FunctionTool.of("f", "d", "{}"))
			.include("x")
			.build();
		CreateResponse next = request.toBuilder()
			.input(InputMessage.user("c"))
			.tools(List.of(FunctionTool.of("g", "d", "{}")))
			.include(List.of("y"))
			.build();
		assertThat(next.input()).containsExactly(InputMessage.user("c"));
		assertThat(next.tools()).containsExactly(FunctionTool.of("g", "d", "{}"));
		assertThat(next.include()).containsExactly("y");
		assertThat(request.toBuilder().input(List.of()).tools().include().build())
			.satisfies((cleared) -> assertThat(cleared.input()).isEmpty())
			.satisfies((cleared) -> assertThat(cleared.tools()).isEmpty())
			.satisfies((cleared) -> assertThat(cleared.include()).isEmpty());
	}

	@Test
	void generateAndStreamIdAreExtraFields() {
		CreateResponse request = CreateResponse.builder().generate(false).streamId("lane-1").build();
		assertThat(request.generate()).isFalse();
		assertThat(request.streamId()).isEqualTo("lane-1");
		assertThat(request.extra()).containsOnlyKeys("generate", "stream_id");
		assertThat(request.extra().get("generate")).isEqualTo(json("false"));
		CreateResponse cleared = request.toBuilder().extra("generate", null).streamId(null).build();
		assertThat(cleared.generate()).isNull();
		assertThat(cleared.streamId()).isNull();
		assertThat(cleared.extra()).isEmpty();
	}

	@Test
	void generateAndStreamIdOfAnotherJsonTypeReadAsAbsent() {
		CreateResponse request = CreateResponse.builder().extra("generate", "no").extra("stream_id", 7).build();
		assertThat(request.generate()).isNull();
		assertThat(request.streamId()).isNull();
	}

	@Test
	void toolChoiceModeIsAJsonString() {
		CreateResponse request = CreateResponse.builder().toolChoice("none").build();
		assertThat(request.toolChoice()).isEqualTo(json("\"none\""));
		assertThat(request.toBuilder().toolChoice((JsonNode) null).build().toolChoice())
			.isNull();
	}

	static Stream<Arguments> singleFieldChanges() {
		return Stream.of(change("model", (b) -> b.model("gpt-5.1-mini")),
				change("input", (b) -> b.input(InputMessage.user("more"))),
				change("input cleared", (b) -> b.input(List.of())),
				change("input added", (b) -> b.addInput(InputMessage.user("more"))),
				change("instructions", (b) -> b.instructions("Other.")),
				change("tools", (b) -> b.tools(new RawTool(json("{\"type\":\"file_search\"}")))),
				change("tools cleared", (b) -> b.tools()),
				change("tool added", (b) -> b.addTool(FunctionTool.of("g", "d", "{}"))),
				change("tool_choice", (b) -> b.toolChoice("auto")),
				change("parallel_tool_calls", (b) -> b.parallelToolCalls(true)),
				change("reasoning", (b) -> b.reasoning(json("{\"effort\":\"high\"}"))),
				change("include", (b) -> b.include("x")), change("include added", (b) -> b.addInclude("x")),
				change("store", (b) -> b.store(true)),
				change("previous_response_id", (b) -> b.previousResponseId(null)),
				change("text", (b) -> b.text(null)), change("max_output_tokens", (b) -> b.maxOutputTokens(2049)),
				change("metadata", (b) -> b.metadata("turn", "4")),
				change("prompt_cache_key", (b) -> b.promptCacheKey("other")),
				change("service_tier", (b) -> b.serviceTier("flex")),
				change("truncation", (b) -> b.truncation("disabled")), change("user", (b) -> b.user("user-5678")),
				change("generate", (b) -> b.generate(true)), change("stream_id", (b) -> b.streamId("lane-b")),
				change("future extra", (b) -> b.extra("context_management", json("[]"))),
				change("new extra", (b) -> b.extra("safety_identifier", "sid")));
	}

	private static Arguments change(String name, UnaryOperator<CreateResponse.Builder> change) {
		return argumentSet(name, change);
	}

	@ParameterizedTest
	@MethodSource("singleFieldChanges")
	void everyFieldTakesPartInEquality(UnaryOperator<CreateResponse.Builder> change) {
		CreateResponse request = fullRequest();
		CreateResponse changed = change.apply(request.toBuilder()).build();
		assertThat(changed).isNotEqualTo(request);
		assertThat(request).isNotEqualTo(changed);
		assertThat(changed.hashCode()).isNotEqualTo(request.hashCode());
	}

	@Test
	void equalsHandlesIdentityNullAndOtherTypes() {
		CreateResponse request = fullRequest();
		assertThat(request).isEqualTo(request);
		assertThat(request.equals(null)).isFalse();
		assertThat(request.equals("request")).isFalse();
	}

	@Test
	void toStringSummarisesWithoutDumpingContents() {
		CreateResponse request = fullRequest().toBuilder()
			.addInput(InputMessage.user("my secret diagnosis"))
			.instructions("secret instructions")
			.build();
		String string = request.toString();
		assertThat(string).contains("gpt-5.1")
			.contains("resp_67ccd2a3b4c58190a0b1c2d3e4f5a6b7")
			.contains("8 items")
			.contains("tools=3")
			.contains("store=false")
			.contains("generate", "stream_id", "context_management");
		assertThat(string).doesNotContain("secret", "What's the weather", "temperature", "Use metric units",
				"get_weather", "gAAAAB", "user-1234", "conversation-42", "s-1", "compaction", "lane-a");
	}

}
