/**
 * A Spring AI {@code ChatModel} on WebSocket mode that chains turns by itself.
 */
@NullMarked
package dev.responsesws.springai;

import org.jspecify.annotations.NullMarked;
