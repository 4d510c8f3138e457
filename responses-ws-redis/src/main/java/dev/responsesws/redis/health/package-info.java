/**
 * The health indicator of the Redis conversation store.
 */
@NullMarked
package dev.responsesws.redis.health;

import org.jspecify.annotations.NullMarked;
