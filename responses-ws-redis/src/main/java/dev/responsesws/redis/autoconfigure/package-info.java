/**
 * Auto-configuration of the Redis conversation store.
 */
@NullMarked
package dev.responsesws.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
