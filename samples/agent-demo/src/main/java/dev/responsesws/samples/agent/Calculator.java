package dev.responsesws.samples.agent;

/**
 * Evaluates arithmetic expressions: numbers, {@code + - * / % ^}, parentheses and unary minus.
 */
final class Calculator {

	private final String expression;

	private int position;

	private Calculator(String expression) {
		this.expression = expression;
	}

	/**
	 * Evaluate an expression.
	 * @param expression the expression, for example {@code 12 * (3 + 4)}
	 * @return the value
	 * @throws IllegalArgumentException if the expression is not valid
	 */
	static double evaluate(String expression) {
		Calculator calculator = new Calculator(expression);
		double value = calculator.sum();
		calculator.skipSpaces();
		if (calculator.position != expression.length()) {
			throw new IllegalArgumentException("Unexpected '" + expression.charAt(calculator.position) + "' at "
					+ calculator.position + " in '" + expression + "'");
		}
		return value;
	}

	/**
	 * Format a value without a trailing {@code .0} for whole numbers.
	 * @param value the value
	 * @return the text
	 */
	static String format(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? String.valueOf((long) value)
				: String.valueOf(value);
	}

	private double sum() {
		double value = product();
		while (true) {
			if (eat('+')) {
				value += product();
			}
			else if (eat('-')) {
				value -= product();
			}
			else {
				return value;
			}
		}
	}

	private double product() {
		double value = power();
		while (true) {
			if (eat('*')) {
				value *= power();
			}
			else if (eat('/')) {
				double divisor = power();
				if (divisor == 0) {
					throw new IllegalArgumentException("Division by zero in '" + this.expression + "'");
				}
				value /= divisor;
			}
			else if (eat('%')) {
				value %= power();
			}
			else {
				return value;
			}
		}
	}

	private double power() {
		double base = unary();
		return eat('^') ? Math.pow(base, power()) : base;
	}

	private double unary() {
		if (eat('-')) {
			return -unary();
		}
		if (eat('(')) {
			double value = sum();
			if (!eat(')')) {
				throw new IllegalArgumentException("Missing ')' in '" + this.expression + "'");
			}
			return value;
		}
		return number();
	}

	private double number() {
		skipSpaces();
		int start = this.position;
		while (this.position < this.expression.length()
				&& (Character.isDigit(this.expression.charAt(this.position)) || this.expression.charAt(this.position) == '.')) {
			this.position++;
		}
		if (start == this.position) {
			throw new IllegalArgumentException("Expected a number at " + start + " in '" + this.expression + "'");
		}
		return Double.parseDouble(this.expression.substring(start, this.position));
	}

	private boolean eat(char expected) {
		skipSpaces();
		if (this.position < this.expression.length() && this.expression.charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private void skipSpaces() {
		while (this.position < this.expression.length() && Character.isWhitespace(this.expression.charAt(this.position))) {
			this.position++;
		}
	}

}
