package dev.responsesws.client.internal.json;

import java.util.ArrayDeque;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link JsonNode} trees and strings from a parser's tokens without a databind
 * deserialization context. The tree is the same as {@code parser.readValueAsTree()} gives for JSON
 * input (later duplicate names win; integers as int, long or big integer nodes by size; other
 * numbers as double nodes), but long strings are built in one copy from the parser's character
 * buffer: Jackson's {@code getString()} joins the segments of a long string through a
 * {@code StringBuilder}, which makes up most of the cost of a {@code response.completed} with a
 * long answer. The parser's read constraints (nesting depth, string and number lengths) still
 * apply, and the reading is iterative, so deep nesting cannot overflow the stack.
 */
public final class TreeReader {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private TreeReader() {
	}

	/**
	 * Read the value at the parser's current token, which must have been read, leaving the
	 * parser on the value's last token.
	 * @param parser the parser
	 * @return the tree
	 */
	public static JsonNode read(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
			return scalar(token, parser);
		}
		ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
		ContainerNode<?> root = (token == JsonToken.START_OBJECT) ? NODES.objectNode() : NODES.arrayNode();
		open.push(root);
		while (!open.isEmpty()) {
			ContainerNode<?> current = open.peek();
			if (current instanceof ObjectNode object) {
				String name = parser.nextName();
				if (name == null) {
					open.pop();
					continue;
				}
				JsonToken next = parser.nextToken();
				if (next == JsonToken.START_OBJECT) {
					open.push(object.putObject(name));
				}
				else if (next == JsonToken.START_ARRAY) {
					open.push(object.putArray(name));
				}
				else {
					object.set(name, scalar(next, parser));
				}
			}
			else {
				ArrayNode array = (ArrayNode) current;
				JsonToken next = parser.nextToken();
				if (next == JsonToken.END_ARRAY) {
					open.pop();
				}
				else if (next == JsonToken.START_OBJECT) {
					open.push(array.addObject());
				}
				else if (next == JsonToken.START_ARRAY) {
					open.push(array.addArray());
				}
				else {
					array.add(scalar(next, parser));
				}
			}
		}
		return root;
	}

	/**
	 * Return the string value at the parser's current token, copied once from the parser's
	 * buffer.
	 * @param parser a parser on a {@link JsonToken#VALUE_STRING}
	 * @return the string
	 */
	public static String string(JsonParser parser) {
		return new String(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
	}

	private static JsonNode scalar(JsonToken token, JsonParser parser) {
		return switch (token) {
			case VALUE_STRING -> NODES.textNode(string(parser));
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> NODES.numberNode(parser.getIntValue());
				case LONG -> NODES.numberNode(parser.getLongValue());
				default -> NODES.numberNode(parser.getBigIntegerValue());
			};
			case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
			case VALUE_TRUE -> NODES.booleanNode(true);
			case VALUE_FALSE -> NODES.booleanNode(false);
			case VALUE_NULL -> NODES.nullNode();
			default -> throw new IllegalStateException("Not a JSON value token: " + token);
		};
	}

}
