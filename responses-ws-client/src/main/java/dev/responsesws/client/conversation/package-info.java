/**
 * Stateful conversations on a session: incremental chaining with transparent replay, warm-up,
 * transcript export, and an agent loop that runs function tools.
 */
@NullMarked
package dev.responsesws.client.conversation;

import org.jspecify.annotations.NullMarked;
