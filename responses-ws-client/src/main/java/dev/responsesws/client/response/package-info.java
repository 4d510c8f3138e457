/**
 * The response object carried by lifecycle events: output items, usage and errors.
 */
@NullMarked
package dev.responsesws.client.response;

import org.jspecify.annotations.NullMarked;
