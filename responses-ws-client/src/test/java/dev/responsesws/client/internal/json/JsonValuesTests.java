package dev.responsesws.client.internal.json;

import java.util.Map;

import dev.responsesws.client.error.ProtocolDecodingException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed reads of JSON fields and the protocol mapper's limits.
 */
class JsonValuesTests {

	private static final JsonNode OBJECT = ProtocolJson.mapper().readTree("""
			{"s":"text","n":42,"big":9223372036854775808,"l":9223372036854775807,"f":1.5,"b":true,"nul":null,\
			"o":{"k":"v","num":1,"arr":[1],"obj":{"a":null}},"a":[1,2,3]}""");

	@Test
	void strings() {
		assertThat(JsonValues.string(OBJECT, "s")).isEqualTo("text");
		assertThat(JsonValues.optionalString(OBJECT, "s")).isEqualTo("text");
		assertThat(JsonValues.optionalString(OBJECT, "nul")).isNull();
		assertThat(JsonValues.optionalString(OBJECT, "absent")).isNull();
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> JsonValues.string(OBJECT, "nul"))
			.withMessage("Required field 'nul' is missing");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalString(OBJECT, "n"))
			.withMessage("Field 'n' must be a string but was number");
	}

	@Test
	void longs() {
		assertThat(JsonValues.optionalLong(OBJECT, "n", -1)).isEqualTo(42);
		assertThat(JsonValues.optionalLong(OBJECT, "l", -1)).isEqualTo(Long.MAX_VALUE);
		assertThat(JsonValues.optionalLong(OBJECT, "nul", -1)).isEqualTo(-1);
		assertThat(JsonValues.optionalLong(OBJECT, "absent", 7)).isEqualTo(7);
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalLong(OBJECT, "big", 0))
			.withMessage("Field 'big' must be an integer but was number");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalLong(OBJECT, "f", 0));
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalLong(OBJECT, "s", 0))
			.withMessage("Field 's' must be an integer but was string");
	}

	@Test
	void ints() {
		assertThat(JsonValues.optionalInt(OBJECT, "n")).isEqualTo(42);
		assertThat(JsonValues.optionalInt(OBJECT, "absent")).isNull();
		assertThat(JsonValues.optionalInt(OBJECT, "nul")).isNull();
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> JsonValues.optionalInt(OBJECT, "l"));
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> JsonValues.optionalInt(OBJECT, "f"));
	}

	@Test
	void booleans() {
		assertThat(JsonValues.optionalBoolean(OBJECT, "b")).isTrue();
		assertThat(JsonValues.optionalBoolean(OBJECT, "absent")).isNull();
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalBoolean(OBJECT, "s"))
			.withMessage("Field 's' must be a boolean but was string");
	}

	@Test
	void objectsAndArrays() {
		assertThat(JsonValues.optionalObject(OBJECT, "o")).isSameAs(OBJECT.get("o"));
		assertThat(JsonValues.optionalObject(OBJECT, "nul")).isNull();
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalObject(OBJECT, "a"))
			.withMessage("Field 'a' must be an object but was array");
		assertThat(JsonValues.optionalArray(OBJECT, "a", JsonNode::intValue)).containsExactly(1, 2, 3);
		assertThat(JsonValues.optionalArray(OBJECT, "absent", JsonNode::intValue)).isEmpty();
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalArray(OBJECT, "o", JsonNode::intValue))
			.withMessage("Field 'o' must be an array but was object");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> JsonValues.optionalArray(OBJECT, "a", JsonNode::intValue).add(4));
	}

	@Test
	void requireObject() {
		assertThat(JsonValues.requireObject(OBJECT, "event")).isSameAs(OBJECT);
		assertThatExceptionOfType(ProtocolDecodingException.class).isThrownBy(() -> JsonValues.requireObject(null, "event"))
			.withMessage("event must be a JSON object but was missing");
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.requireObject(OBJECT.get("a"), "event"))
			.withMessage("event must be a JSON object but was array");
	}

	@Test
	void stringMapsKeepDocumentOrderAndTheJsonTextOfOtherValues() {
		Map<String, String> map = JsonValues.optionalStringMap(OBJECT, "o");
		assertThat(map).containsExactly(Map.entry("k", "v"), Map.entry("num", "1"), Map.entry("arr", "[1]"),
				Map.entry("obj", "{\"a\":null}"));
		assertThat(JsonValues.optionalStringMap(OBJECT, "absent")).isEmpty();
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> JsonValues.optionalStringMap(OBJECT, "s"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> map.put("x", "y"));
	}

	@Test
	void mapperIsSharedAndHasTheDocumentedLimits() {
		assertThat(ProtocolJson.mapper()).isSameAs(ProtocolJson.mapper());
		var constraints = ProtocolJson.mapper().tokenStreamFactory().streamReadConstraints();
		assertThat(constraints.getMaxNestingDepth()).isEqualTo(ProtocolJson.MAX_NESTING_DEPTH).isEqualTo(256);
		assertThat(constraints.getMaxStringLength()).isEqualTo(ProtocolJson.MAX_STRING_LENGTH)
			.isEqualTo(64 * 1024 * 1024);
		assertThat(constraints.getMaxNumberLength()).isEqualTo(ProtocolJson.MAX_NUMBER_LENGTH).isEqualTo(100);
	}

}
