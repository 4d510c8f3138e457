package dev.responsesws.client.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The excerpt and hierarchy of {@link ProtocolDecodingException}.
 */
class ProtocolDecodingExceptionTests {

	@Test
	void excerptIsEmptyWithoutInput() {
		ProtocolDecodingException ex = new ProtocolDecodingException("bad", null, null);
		assertThat(ex.excerpt()).isEmpty();
		assertThat(ex).hasMessage("bad").hasNoCause();
	}

	@Test
	void shortInputIsKeptWhole() {
		assertThat(new ProtocolDecodingException("bad", "", null).excerpt()).isEmpty();
		assertThat(new ProtocolDecodingException("bad", "{\"type\":1}", null).excerpt()).isEqualTo("{\"type\":1}");
		String exactly200 = "x".repeat(200);
		assertThat(new ProtocolDecodingException("bad", exactly200, null).excerpt()).isEqualTo(exactly200);
	}

	@Test
	void longInputIsTruncatedTo200CharactersAndAnEllipsis() {
		String input = "a".repeat(150) + "b".repeat(51);
		assertThat(new ProtocolDecodingException("bad", input, null).excerpt())
			.isEqualTo("a".repeat(150) + "b".repeat(50) + "...");
		StringBuilder huge = new StringBuilder().append("y".repeat(1_000_000));
		assertThat(new ProtocolDecodingException("bad", huge, null).excerpt()).hasSize(203).endsWith("y...");
	}

	@Test
	void isAResponsesExceptionWithItsCause() {
		IllegalStateException cause = new IllegalStateException("parser");
		ProtocolDecodingException ex = new ProtocolDecodingException("bad", "x", cause);
		assertThat(ex).isInstanceOf(ResponsesException.class).isInstanceOf(RuntimeException.class).hasCause(cause);
	}

}
