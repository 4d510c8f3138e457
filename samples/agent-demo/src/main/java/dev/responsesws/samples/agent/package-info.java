/**
 * A command-line agent that answers with two function tools over one WebSocket.
 */
@NullMarked
package dev.responsesws.samples.agent;

import org.jspecify.annotations.NullMarked;
