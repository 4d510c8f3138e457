/**
 * Auto-configuration of the Spring AI chat model on WebSocket mode.
 */
@NullMarked
package dev.responsesws.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;
