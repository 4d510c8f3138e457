package dev.responsesws.client.response;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An output item of a type the library does not model (web search, file search, code
 * interpreter, MCP, image generation, compaction, and types added later).
 *
 * @param type the item type
 * @param id the item id
 * @param json the item as received
 */
public record OtherOutputItem(String type, @Nullable String id, JsonNode json) implements OutputItem {

}
