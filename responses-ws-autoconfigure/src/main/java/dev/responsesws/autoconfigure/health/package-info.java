/**
 * The health indicator of the responses-ws session and its auto-configuration.
 */
@NullMarked
package dev.responsesws.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
