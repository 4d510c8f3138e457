package dev.responsesws.client.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;

import static org.assertj.core.api.Assertions.assertThat;

class KnownStringsTests {

	private static final String DELTA = "response.output_text.delta";

	private final KnownStrings known = new KnownStrings(DELTA, "response.output_text.done", "message");

	private String read(String json) {
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		try (JsonParser parser = ProtocolJson.createParser(utf8, 0, utf8.length)) {
			parser.nextToken();
			return this.known.read(parser);
		}
	}

	@Test
	void aKnownValueIsTheKnownInstance() {
		assertThat(read("\"response.output_text.delta\"")).isSameAs(DELTA);
		assertThat(read("\"response.output_text.done\"")).isEqualTo("response.output_text.done");
	}

	@Test
	void anEscapedKnownValueIsStillKnown() {
		assertThat(read("\"mess\\u0061ge\"")).isSameAs("message");
	}

	@Test
	void otherValuesAreReadAsTheyAre() {
		assertThat(read("\"response.output_text.delte\"")).isEqualTo("response.output_text.delte").isNotSameAs(DELTA);
		assertThat(read("\"massage\"")).isEqualTo("massage");
		assertThat(read("\"\"")).isEmpty();
		assertThat(read("\"a much longer value than any of the known ones, é👋\"")).isEqualTo(
				"a much longer value than any of the known ones, é👋");
	}

}
