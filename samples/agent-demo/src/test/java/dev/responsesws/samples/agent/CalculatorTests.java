package dev.responsesws.samples.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CalculatorTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "12 * (3 + 4)|84", "2 ^ 3 ^ 2|512", "-3 + 10 / 4|-0.5", "7 % 4|3",
			"((1))|1", "1.5 * 2|3" })
	void evaluates(String expression, String expected) {
		assertThat(Calculator.format(Calculator.evaluate(expression))).isEqualTo(expected);
	}

	@Test
	void refusesWhatIsNotArithmetic() {
		assertThatIllegalArgumentException().isThrownBy(() -> Calculator.evaluate("2 +")).withMessageContaining("number");
		assertThatIllegalArgumentException().isThrownBy(() -> Calculator.evaluate("(2")).withMessageContaining("')'");
		assertThatIllegalArgumentException().isThrownBy(() -> Calculator.evaluate("1 / 0")).withMessageContaining("zero");
		assertThatIllegalArgumentException().isThrownBy(() -> Calculator.evaluate("2 x")).withMessageContaining("'x'");
	}

}
