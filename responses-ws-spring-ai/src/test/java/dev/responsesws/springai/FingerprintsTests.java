package dev.responsesws.springai;

import java.util.List;

import dev.responsesws.client.json.RawJson;
import dev.responsesws.client.request.FunctionTool;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.Tool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CanonicalJson} and {@link Fingerprints}: equal values give equal fingerprints
 * whatever their text, and any difference gives another.
 */
class FingerprintsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

	@Test
	void canonicalFormSortsKeysAndNormalizesNumbers() {
		assertThat(CanonicalJson.write(tree("{\"b\":1.50,\"a\":[1e0, 2.0, -0.0, 100],\"c\":{\"z\":true,\"y\":null}}")))
			.isEqualTo("{\"a\":[1,2,0,100],\"b\":1.5,\"c\":{\"y\":null,\"z\":true}}");
	}

	@Test
	void canonicalFormEscapesOnlyWhatJsonRequires() {
		assertThat(CanonicalJson.write(tree("{\"t\":\"\\u00e9\\\"\\\\\\n\\u0001/\"}")))
			.isEqualTo("{\"t\":\"é\\\"\\\\\\n\\u0001/\"}");
	}

	@Test
	void equalItemsWrittenDifferentlyHaveEqualFingerprints() {
		byte[] start = Fingerprints.ofSettings("m", "i", List.of());
		InputItem typed = InputMessage.user("hi");
		InputItem raw = InputItem.fromTree(tree("{\"content\":\"hi\",\"role\":\"user\",\"type\":\"message\"}"));
		assertThat(Fingerprints.hex(Fingerprints.prefixes(start, List.of(typed)).get(1)))
			.isEqualTo(Fingerprints.hex(Fingerprints.prefixes(start, List.of(raw)).get(1)));
	}

	@Test
	void fingerprintIsAStableFunctionOfTheText() {
		byte[] start = Fingerprints.ofSettings("m", null, List.of());
		assertThat(Fingerprints.hex(Fingerprints.next(start, tree("{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}"))))
			.hasSize(64)
			.isEqualTo(Fingerprints.hex(Fingerprints.next(Fingerprints.ofSettings("m", null, List.of()),
					RawJson.of(tree("{ \"role\" : \"user\", \"content\":\"hi\", \"type\":\"message\" }")).tree())));
	}

	@Test
	void anyDifferenceInSettingsOrItemsChangesTheFingerprint() {
		Tool tool = FunctionTool.of("f", "d", "{\"type\":\"object\"}");
		String base = Fingerprints.hex(Fingerprints.ofSettings("m", "i", List.of(tool)));
		assertThat(Fingerprints.hex(Fingerprints.ofSettings("n", "i", List.of(tool)))).isNotEqualTo(base);
		assertThat(Fingerprints.hex(Fingerprints.ofSettings("m", "j", List.of(tool)))).isNotEqualTo(base);
		assertThat(Fingerprints.hex(Fingerprints.ofSettings("m", "i", List.of()))).isNotEqualTo(base);
		assertThat(Fingerprints.hex(Fingerprints.ofSettings("m", null, List.of(tool)))).isNotEqualTo(base);
		byte[] start = Fingerprints.ofSettings("m", "i", List.of(tool));
		List<byte[]> ab = Fingerprints.prefixes(start, List.of(InputMessage.user("a"), InputMessage.user("b")));
		List<byte[]> ba = Fingerprints.prefixes(start, List.of(InputMessage.user("b"), InputMessage.user("a")));
		assertThat(Fingerprints.hex(ab.get(2))).isNotEqualTo(Fingerprints.hex(ba.get(2)));
		assertThat(Fingerprints.hex(ab.get(1)))
			.isEqualTo(Fingerprints.hex(Fingerprints.prefixes(start, List.of(InputMessage.user("a"))).get(1)));
	}

}
