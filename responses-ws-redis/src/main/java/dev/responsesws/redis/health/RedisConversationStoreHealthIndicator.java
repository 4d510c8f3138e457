package dev.responsesws.redis.health;

import dev.responsesws.redis.RedisConversationStore;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Health of the Redis conversation store: UP when Redis answers a PING within the store's
 * timeout, DOWN with the reason otherwise, since turns of stored conversations then fail before
 * they are sent. Details name the store, its key prefix and time to live.
 */
public class RedisConversationStoreHealthIndicator extends AbstractReactiveHealthIndicator {

	private final RedisConversationStore store;

	/**
	 * Create an indicator.
	 * @param store the store
	 */
	public RedisConversationStoreHealthIndicator(RedisConversationStore store) {
		super("The responses-ws conversation store health check failed");
		this.store = store;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		builder.withDetail("store", "redis")
			.withDetail("keyPrefix", this.store.keyPrefix())
			.withDetail("ttl", this.store.ttl().toString())
			.withDetail("timeout", this.store.timeout().toString());
		return this.store.ping().then(Mono.fromSupplier(() -> builder.up().build()));
	}

}
