package dev.responsesws.client.internal.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KnownStringsTests {

	private static final String DELTA = "response.output_text.delta";

	private final KnownStrings known = new KnownStrings(DELTA, "response.output_text.done", "message");

	/** Read through both ways, from the input's bytes and from the parser, which must agree. */
	private String read(String json) {
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		JsonSlices input = JsonSlices.ofUtf8(utf8, 0, utf8.length);
		String fromBytes;
		try (JsonParser parser = input.createParser()) {
			parser.nextToken();
			fromBytes = this.known.read(parser, input);
		}
		try (JsonParser parser = input.createParser()) {
			parser.nextToken();
			String fromParser = this.known.read(parser);
			assertThat(fromBytes).isEqualTo(fromParser);
			assertThat(fromBytes == fromParser).isEqualTo(fromBytes == DELTA || "message".equals(fromBytes)
					|| "response.output_text.done".equals(fromBytes));
		}
		return fromBytes;
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
	void aPrefixOrAnExtensionOfAKnownValueIsNotIt() {
		assertThat(read("\"messag\"")).isEqualTo("messag");
		assertThat(read("\"messages\"")).isEqualTo("messages");
		assertThat(read("\"message\\n\"")).isEqualTo("message\n");
	}

	@Test
	void onlyPrintableAsciiWithoutQuotesCanBeKnown() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KnownStrings("a\"b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new KnownStrings("é"));
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
