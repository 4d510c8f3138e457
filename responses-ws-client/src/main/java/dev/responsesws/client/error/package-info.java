/**
 * The exceptions of the responses-ws client.
 */
@NullMarked
package dev.responsesws.client.error;

import org.jspecify.annotations.NullMarked;
