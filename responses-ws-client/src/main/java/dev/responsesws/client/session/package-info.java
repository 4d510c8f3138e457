/**
 * The session: a thread-safe entry point over a pool of connections, with cache affinity,
 * rotation, retry, fallback to HTTP, graceful close and a state snapshot.
 */
@NullMarked
package dev.responsesws.client.session;

import org.jspecify.annotations.NullMarked;
