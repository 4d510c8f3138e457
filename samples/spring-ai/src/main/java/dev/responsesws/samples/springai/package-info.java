/**
 * A Spring AI {@code ChatClient} with chat memory and two tools on WebSocket mode.
 */
@NullMarked
package dev.responsesws.samples.springai;

import org.jspecify.annotations.NullMarked;
