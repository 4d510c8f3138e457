/**
 * The {@code response.create} request, its input items and tools, and their JSON encoding.
 */
@NullMarked
package dev.responsesws.client.request;

import org.jspecify.annotations.NullMarked;
