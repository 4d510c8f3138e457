/**
 * A protocol simulator of the Responses API over WebSocket and HTTP/SSE, with a JUnit 5
 * extension and a standalone entry point, for testing clients without the real service.
 */
@NullMarked
package dev.responsesws.test;

import org.jspecify.annotations.NullMarked;
