/**
 * Internal: not API, may change in any release. Support classes of the client's {@code response} layer.
 */
@NullMarked
package dev.responsesws.client.internal.response;

import org.jspecify.annotations.NullMarked;
