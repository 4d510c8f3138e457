package dev.responsesws.client.internal.json;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TreeReader} builds the same trees as Jackson's own tree binding.
 */
class TreeReaderTests {

	static Stream<String> documents() {
		String longText = "Grüße, 世界 and \\\"quotes\\\" \\u00e9 ".repeat(8000);
		return Stream.of("{}", "[]", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
				"{\"int\":2147483647,\"long\":9223372036854775807,\"big\":123456789012345678901234567890,"
						+ "\"negative\":-5,\"float\":1.5e-3,\"zero\":0.0}",
				"{\"dup\":1,\"dup\":2}", "[[[]],[{}],{\"x\":[1,[2,[3]]]}]", "{\"text\":\"" + longText + "\"}",
				"[\"" + longText + "\",\"short\"]", "\"scalar\"", "42", "null");
	}

	@ParameterizedTest
	@MethodSource("documents")
	void readsTheSameTreeAsJackson(String json) {
		JsonNode expected = ProtocolJson.mapper().readTree(json);
		try (JsonParser parser = ProtocolJson.mapper().createParser(json)) {
			parser.nextToken();
			JsonNode actual = TreeReader.read(parser);
			assertThat(actual).isEqualTo(expected);
			assertThat(parser.nextToken()).as("left on the value's last token").isNull();
		}
	}

	@Test
	void longStringIsCopiedWhole() {
		String text = "é".repeat(100_000) + "end";
		try (JsonParser parser = ProtocolJson.mapper().createParser("\"" + text + "\"")) {
			assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
			assertThat(TreeReader.string(parser)).isEqualTo(text);
		}
	}

	@Test
	void nestingBeyondTheLimitIsRefusedWithoutOverflowingTheStack() {
		String deep = "[".repeat(ProtocolJson.MAX_NESTING_DEPTH + 10) + "]".repeat(ProtocolJson.MAX_NESTING_DEPTH + 10);
		try (JsonParser parser = ProtocolJson.mapper().createParser(deep)) {
			parser.nextToken();
			assertThatExceptionOfType(StreamConstraintsException.class).isThrownBy(() -> TreeReader.read(parser));
		}
	}

}
