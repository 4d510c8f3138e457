/**
 * Micrometer observations and meters of the responses-ws session.
 */
@NullMarked
package dev.responsesws.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
