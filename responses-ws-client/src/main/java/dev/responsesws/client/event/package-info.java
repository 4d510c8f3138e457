/**
 * Server events of the Responses API streaming protocol and their decoding.
 */
@NullMarked
package dev.responsesws.client.event;

import org.jspecify.annotations.NullMarked;
