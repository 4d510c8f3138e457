package dev.responsesws.springai;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.responsesws.client.request.FunctionCallOutput;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.RawItem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;

/**
 * The Responses API form of a Spring AI prompt's messages: system messages become the
 * {@code instructions}, user messages {@code message} items (with {@code input_image} parts for
 * images), assistant messages a {@code message} item for their text and a
 * {@code function_call} item per tool call, tool responses {@code function_call_output} items.
 *
 * @param instructions the system messages' texts, joined by a blank line, or {@code null}
 * when there are none
 * @param items the other messages as input items, in order
 */
record PromptItems(@Nullable String instructions, List<InputItem> items) {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/**
	 * Map a prompt's messages.
	 * @param messages the messages
	 * @return the instructions and items
	 */
	static PromptItems of(List<Message> messages) {
		List<String> system = new ArrayList<>();
		List<InputItem> items = new ArrayList<>(messages.size());
		for (Message message : messages) {
			if (message instanceof SystemMessage) {
				String text = message.getText();
				if (text != null && !text.isEmpty()) {
					system.add(text);
				}
			}
			else if (message instanceof UserMessage user) {
				items.add(user(user));
			}
			else if (message instanceof AssistantMessage assistant) {
				items.addAll(assistant(assistant));
			}
			else if (message instanceof ToolResponseMessage tool) {
				for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
					items.add(new FunctionCallOutput(response.id(), response.responseData()));
				}
			}
			else {
				throw new IllegalArgumentException("Unsupported message type " + message.getMessageType());
			}
		}
		return new PromptItems(system.isEmpty() ? null : String.join("\n\n", system), List.copyOf(items));
	}

	/**
	 * Map an assistant message: its text (when it has any) then its tool calls.
	 * @param assistant the message
	 * @return the items
	 */
	static List<InputItem> assistant(AssistantMessage assistant) {
		List<InputItem> items = new ArrayList<>(1 + assistant.getToolCalls().size());
		String text = assistant.getText();
		if (text != null && !text.isEmpty()) {
			items.add(InputMessage.assistant(text));
		}
		for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
			ObjectNode item = JSON.objectNode();
			item.put("type", "function_call");
			item.put("call_id", call.id());
			item.put("name", call.name());
			item.put("arguments", call.arguments());
			items.add(new RawItem(item));
		}
		return items;
	}

	private static InputItem user(UserMessage user) {
		String text = (user.getText() != null) ? user.getText() : "";
		if (user.getMedia().isEmpty()) {
			return InputMessage.user(text);
		}
		ObjectNode item = JSON.objectNode();
		item.put("type", "message");
		item.put("role", "user");
		ArrayNode content = item.putArray("content");
		if (!text.isEmpty()) {
			content.addObject().put("type", "input_text").put("text", text);
		}
		for (Media media : user.getMedia()) {
			content.add(part(media));
		}
		return new RawItem(item);
	}

	private static ObjectNode part(Media media) {
		if (!"image".equals(media.getMimeType().getType())) {
			throw new IllegalArgumentException("Unsupported media type " + media.getMimeType()
					+ ": only images can be sent as input_image");
		}
		String url;
		if (media.getData() instanceof String text) {
			url = text;
		}
		else {
			url = "data:" + media.getMimeType() + ";base64,"
					+ Base64.getEncoder().encodeToString(media.getDataAsByteArray());
		}
		ObjectNode part = JSON.objectNode();
		part.put("type", "input_image");
		part.put("image_url", url);
		return part;
	}

}
