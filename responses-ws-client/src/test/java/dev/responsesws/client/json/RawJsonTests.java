package dev.responsesws.client.json;

import java.nio.charset.StandardCharsets;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.JsonSlices;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.json.RawJsonAccess;
import dev.responsesws.client.internal.json.TreeReader;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RawJsonTests {

	private static JsonNode tree(String json) {
		return ProtocolJson.mapper().readTree(json);
	}

	/** Slice the value of the first field of an object, as the decoder does. */
	private static RawJson firstValue(String object) {
		byte[] utf8 = object.getBytes(StandardCharsets.UTF_8);
		return firstValue(JsonSlices.ofUtf8(utf8, 0, utf8.length));
	}

	private static RawJson firstValue(JsonSlices slices) {
		try (JsonParser parser = slices.createParser()) {
			long start = startOfFirstValue(parser);
			parser.skipChildren();
			return slices.slice(start, parser);
		}
	}

	private static long startOfFirstValue(JsonParser parser) {
		parser.nextToken();
		parser.nextName();
		parser.nextToken();
		return JsonSlices.start(parser);
	}

	@Test
	void aSliceIsTheValueAsReceived() {
		RawJson raw = firstValue("{\"v\": { \"a\" : [1, {\"é\":\"👋\"}] } , \"w\":2}");
		assertThat(raw.json()).isEqualTo("{ \"a\" : [1, {\"é\":\"👋\"}] }");
		assertThat(raw.utf8Length()).isEqualTo(raw.json().getBytes(StandardCharsets.UTF_8).length);
		assertThat(raw.toUtf8()).isEqualTo(raw.json().getBytes(StandardCharsets.UTF_8));
		assertThat(raw.tree()).isEqualTo(tree("{\"a\":[1,{\"é\":\"👋\"}]}")).isSameAs(raw.tree());
		assertThat(raw).hasToString(raw.json());
	}

	@Test
	void arraysSliceToo() {
		assertThat(firstValue("{\"v\":[[],{}],\"w\":1}").json()).isEqualTo("[[],{}]");
	}

	@Test
	void valuesAreEqualByTreeWhateverTheirText() {
		RawJson spaced = firstValue("{\"v\": {\"a\": 1, \"b\": [true]}}");
		RawJson tree = RawJson.of(tree("{\"a\":1,\"b\":[true]}"));
		assertThat(spaced).isEqualTo(tree).hasSameHashCodeAs(tree);
		assertThat(spaced).isNotEqualTo(RawJson.of(tree("{\"a\":2,\"b\":[true]}")));
	}

	@Test
	void aTreeHasTheTextItWritesTo() {
		RawJson raw = RawJson.of(tree("{\"t\":\"é\"}"));
		assertThat(raw.json()).isEqualTo("{\"t\":\"é\"}");
		assertThat(raw.utf8Length()).isEqualTo(10);
		try (JsonParser parser = JsonSlices.of(raw).createParser()) {
			parser.nextToken();
			assertThat(TreeReader.read(parser).toString()).isEqualTo(raw.json());
		}
	}

	@Test
	void slicesOfASliceShareItsBuffer() {
		RawJson outer = firstValue("{\"v\":{\"inner\":{\"x\":1}}}");
		assertThat(firstValue(JsonSlices.of(outer)).json()).isEqualTo("{\"x\":1}");
	}

	@Test
	void onlyObjectsAndArraysAreSliced() {
		byte[] utf8 = "{\"v\":\"s\"}".getBytes(StandardCharsets.UTF_8);
		JsonSlices slices = JsonSlices.ofUtf8(utf8, 0, utf8.length);
		try (JsonParser parser = slices.createParser()) {
			long start = startOfFirstValue(parser);
			assertThatIllegalStateException().isThrownBy(() -> slices.slice(start, parser));
		}
	}

	@Test
	void textThatIsNotJsonFailsWhenParsed() {
		RawJson raw = firstValue("{\"v\":{\"a\":1}}");
		assertThat(raw.tree().get("a").intValue()).isEqualTo(1);
		byte[] broken = "{\"a\":".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> RawJsonAccess.ofUtf8(broken, 0, broken.length).tree())
			.withMessageContaining("Malformed JSON");
	}

}
