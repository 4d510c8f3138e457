/**
 * Internal: not API, may change in any release. Support classes of the client's {@code request} layer.
 */
@NullMarked
package dev.responsesws.client.internal.request;

import org.jspecify.annotations.NullMarked;
