/**
 * Internal: not API, may change in any release. Support classes of the client's {@code json} layer.
 */
@NullMarked
package dev.responsesws.client.internal.json;

import org.jspecify.annotations.NullMarked;
