package dev.responsesws.springai;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Writes JSON in one canonical form, so that equal values give equal text in any process: object
 * keys sorted by their UTF-16 code units, no whitespace, numbers in their shortest plain decimal
 * form ({@code 1.0}, {@code 1} and {@code 1e0} are all {@code 1}), strings escaped only where
 * JSON requires it.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	/**
	 * Write a value canonically.
	 * @param value the value
	 * @return its canonical text
	 */
	static String write(JsonNode value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(JsonNode value, StringBuilder out) {
		if (value.isObject()) {
			List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(value.properties());
			fields.sort(Map.Entry.comparingByKey());
			out.append('{');
			for (int i = 0; i < fields.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				string(fields.get(i).getKey(), out);
				out.append(':');
				write(fields.get(i).getValue(), out);
			}
			out.append('}');
		}
		else if (value.isArray()) {
			out.append('[');
			for (int i = 0; i < value.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(value.get(i), out);
			}
			out.append(']');
		}
		else if (value.isString()) {
			string(value.stringValue(), out);
		}
		else if (value.isNumber()) {
			out.append(number(value.decimalValue()));
		}
		else if (value.isBoolean()) {
			out.append(value.booleanValue());
		}
		else {
			out.append("null");
		}
	}

	private static String number(BigDecimal number) {
		if (number.signum() == 0) {
			return "0";
		}
		return number.stripTrailingZeros().toPlainString();
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
