package dev.responsesws.client.session;

import org.jspecify.annotations.Nullable;

/**
 * The right to run one turn on a pooled connection, on a lane when lanes are in use.
 *
 * @param pooled the connection
 * @param lane the lane the session chose, or {@code null} to send the request as it is
 */
record Lease(PooledConnection pooled, @Nullable String lane) {
}
