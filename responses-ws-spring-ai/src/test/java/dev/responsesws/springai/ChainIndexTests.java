package dev.responsesws.springai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link ChainIndex}.
 */
class ChainIndexTests {

	@Test
	void forgetsTheEntryUsedLeastRecentlyBeyondItsCapacity() {
		ChainIndex index = new ChainIndex(2);
		index.put("a", "resp_a");
		index.put("b", "resp_b");
		assertThat(index.responseId("a")).isEqualTo("resp_a");
		index.put("c", "resp_c");
		assertThat(index.responseId("b")).isNull();
		assertThat(index.responseId("a")).isEqualTo("resp_a");
		assertThat(index.responseId("c")).isEqualTo("resp_c");
		assertThat(index.size()).isEqualTo(2);
	}

	@Test
	void refusesACapacityBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChainIndex(0));
	}

}
