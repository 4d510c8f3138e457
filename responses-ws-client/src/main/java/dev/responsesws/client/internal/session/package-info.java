/**
 * Internal: not API, may change in any release. Support classes of the client's {@code session} layer.
 */
@NullMarked
package dev.responsesws.client.internal.session;

import org.jspecify.annotations.NullMarked;
