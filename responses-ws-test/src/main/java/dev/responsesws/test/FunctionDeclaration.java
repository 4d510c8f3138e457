package dev.responsesws.test;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A function tool a request declares.
 *
 * @param name the function's name
 * @param description what it does, or {@code null}
 * @param parameters the JSON schema of its arguments, a missing node when none was given
 */
public record FunctionDeclaration(String name, @Nullable String description, JsonNode parameters) {

}
