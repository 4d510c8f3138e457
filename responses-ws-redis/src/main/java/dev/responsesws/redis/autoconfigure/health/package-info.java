/**
 * Auto-configuration of the health indicator of the Redis conversation store.
 */
@NullMarked
package dev.responsesws.redis.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
