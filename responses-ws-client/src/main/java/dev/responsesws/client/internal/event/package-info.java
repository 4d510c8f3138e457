/**
 * Internal: not API, may change in any release. Support classes of the client's {@code event} layer.
 */
@NullMarked
package dev.responsesws.client.internal.event;

import org.jspecify.annotations.NullMarked;
