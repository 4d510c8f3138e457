/**
 * A conversation store in Redis, so that a conversation continues on any instance of an
 * application.
 */
@NullMarked
package dev.responsesws.redis;

import org.jspecify.annotations.NullMarked;
