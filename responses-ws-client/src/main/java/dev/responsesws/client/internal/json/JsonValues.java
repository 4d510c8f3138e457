package dev.responsesws.client.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.responsesws.client.error.ProtocolDecodingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of fields of a JSON object received from the server.
 *
 * <p>Every method either returns a value of the expected type or throws
 * {@link ProtocolDecodingException} naming the field and the expected type; none throws
 * {@code NullPointerException} or {@code ClassCastException}. A JSON {@code null} counts as
 * absent.
 */
public final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Check that a node is a JSON object.
	 * @param node the node
	 * @param what a description of the node for the error message
	 * @return the node
	 * @throws ProtocolDecodingException if the node is not an object
	 */
	public static JsonNode requireObject(@Nullable JsonNode node, String what) {
		if (node == null || !node.isObject()) {
			throw new ProtocolDecodingException(what + " must be a JSON object but was " + kind(node), null, null);
		}
		return node;
	}

	/**
	 * Read a required string field.
	 * @param object the object
	 * @param field the field name
	 * @return the value
	 */
	public static String string(JsonNode object, String field) {
		String value = optionalString(object, field);
		if (value == null) {
			throw missing(field);
		}
		return value;
	}

	/**
	 * Read an optional string field.
	 * @param object the object
	 * @param field the field name
	 * @return the value, or {@code null} when absent or {@code null}
	 */
	public static @Nullable String optionalString(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw wrongType(field, "a string", value);
		}
		return value.stringValue();
	}

	/**
	 * Read an optional integral number field.
	 * @param object the object
	 * @param field the field name
	 * @param defaultValue the value when absent
	 * @return the value
	 */
	public static long optionalLong(JsonNode object, String field, long defaultValue) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return defaultValue;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw wrongType(field, "an integer", value);
		}
		return value.longValue();
	}

	/**
	 * Read an optional integral number field that fits an {@code int}.
	 * @param object the object
	 * @param field the field name
	 * @return the value, or {@code null} when absent
	 */
	public static @Nullable Integer optionalInt(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw wrongType(field, "an integer", value);
		}
		return value.intValue();
	}

	/**
	 * Read an optional boolean field.
	 * @param object the object
	 * @param field the field name
	 * @return the value, or {@code null} when absent
	 */
	public static @Nullable Boolean optionalBoolean(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			throw wrongType(field, "a boolean", value);
		}
		return value.booleanValue();
	}

	/**
	 * Read an optional object field.
	 * @param object the object
	 * @param field the field name
	 * @return the value, or {@code null} when absent
	 */
	public static @Nullable JsonNode optionalObject(JsonNode object, String field) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			throw wrongType(field, "an object", value);
		}
		return value;
	}

	/**
	 * Read an optional array field and map each element.
	 * @param <T> the element type
	 * @param object the object
	 * @param field the field name
	 * @param mapper maps one element
	 * @return an unmodifiable list, empty when absent
	 */
	public static <T> List<T> optionalArray(JsonNode object, String field, Function<JsonNode, T> mapper) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw wrongType(field, "an array", value);
		}
		List<T> result = new ArrayList<>(value.size());
		for (JsonNode element : value) {
			result.add(mapper.apply(element));
		}
		return Collections.unmodifiableList(result);
	}

	/**
	 * Read an optional object of string values (for example response headers).
	 * @param object the object
	 * @param field the field name
	 * @return an unmodifiable map in document order, empty when absent; non-string values are
	 * kept in their JSON text form
	 */
	public static Map<String, String> optionalStringMap(JsonNode object, String field) {
		JsonNode value = optionalObject(object, field);
		if (value == null) {
			return Map.of();
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			JsonNode v = entry.getValue();
			result.put(entry.getKey(), v.isString() ? v.stringValue() : v.toString());
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Create the exception for a missing required field.
	 * @param field the field name
	 * @return the exception
	 */
	public static ProtocolDecodingException missing(String field) {
		return new ProtocolDecodingException("Required field '" + field + "' is missing", null, null);
	}

	/**
	 * Create the exception for a field of the wrong type.
	 * @param field the field name
	 * @param expected the expected type, for example "a string"
	 * @param actual the value found, if available
	 * @return the exception
	 */
	public static ProtocolDecodingException wrongType(String field, String expected, @Nullable JsonNode actual) {
		String found = (actual != null) ? " but was " + kind(actual) : "";
		return new ProtocolDecodingException("Field '" + field + "' must be " + expected + found, null, null);
	}

	private static String kind(@Nullable JsonNode node) {
		return (node != null) ? node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) : "missing";
	}

}
