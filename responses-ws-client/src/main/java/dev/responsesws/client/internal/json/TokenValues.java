package dev.responsesws.client.internal.json;

import dev.responsesws.client.error.ProtocolDecodingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Typed reads of the value at a parser's current token, the streaming counterpart of
 * {@link JsonValues} with the same rules and messages: a JSON {@code null} counts as absent, and
 * a value of the wrong type raises {@link ProtocolDecodingException} naming the field, the
 * expected type and the type found.
 */
public final class TokenValues {

	private TokenValues() {
	}

	/**
	 * Read an optional string.
	 * @param parser the parser, on the value's token
	 * @param field the field name, for the message
	 * @return the value, or {@code null} for a JSON {@code null}
	 */
	public static @Nullable String optionalString(JsonParser parser, String field) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return TreeReader.string(parser);
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		throw wrongType(field, "a string", token);
	}

	/**
	 * Read an optional integral number that fits a {@code long}.
	 * @param parser the parser, on the value's token
	 * @param field the field name, for the message
	 * @param defaultValue the value for a JSON {@code null}
	 * @return the value
	 */
	public static long optionalLong(JsonParser parser, String field, long defaultValue) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NULL) {
			return defaultValue;
		}
		throw wrongType(field, "an integer", token);
	}

	/**
	 * Tell whether the value is an object rather than a JSON {@code null}.
	 * @param parser the parser, on the value's token
	 * @param field the field name, for the message
	 * @return {@code true} on the start of an object, {@code false} on {@code null}
	 */
	public static boolean optionalObject(JsonParser parser, String field) {
		return optional(parser, field, JsonToken.START_OBJECT, "an object");
	}

	/**
	 * Tell whether the value is an array rather than a JSON {@code null}.
	 * @param parser the parser, on the value's token
	 * @param field the field name, for the message
	 * @return {@code true} on the start of an array, {@code false} on {@code null}
	 */
	public static boolean optionalArray(JsonParser parser, String field) {
		return optional(parser, field, JsonToken.START_ARRAY, "an array");
	}

	/**
	 * Check that the value is an object.
	 * @param parser the parser, on the value's token
	 * @param what a description of the value for the message
	 * @throws ProtocolDecodingException if it is not
	 */
	public static void requireObject(JsonParser parser, String what) {
		JsonToken token = parser.currentToken();
		if (token != JsonToken.START_OBJECT) {
			throw new ProtocolDecodingException(what + " must be a JSON object but was " + kind(token), null, null);
		}
	}

	/**
	 * Create the exception for a value of the wrong type.
	 * @param field the field name
	 * @param expected the expected type, for example "a string"
	 * @param actual the token found
	 * @return the exception
	 */
	public static ProtocolDecodingException wrongType(String field, String expected, @Nullable JsonToken actual) {
		return new ProtocolDecodingException("Field '" + field + "' must be " + expected + " but was " + kind(actual),
				null, null);
	}

	/**
	 * Name the JSON type of a token as {@link JsonValues} names node types.
	 * @param token the token
	 * @return for example {@code string} or {@code object}
	 */
	public static String kind(@Nullable JsonToken token) {
		if (token == null) {
			return "missing";
		}
		return switch (token) {
			case START_OBJECT -> "object";
			case START_ARRAY -> "array";
			case VALUE_STRING -> "string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
			case VALUE_TRUE, VALUE_FALSE -> "boolean";
			case VALUE_NULL -> "null";
			default -> token.name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	private static boolean optional(JsonParser parser, String field, JsonToken expected, String description) {
		JsonToken token = parser.currentToken();
		if (token == expected) {
			return true;
		}
		if (token == JsonToken.VALUE_NULL) {
			return false;
		}
		throw wrongType(field, description, token);
	}

}
