package dev.responsesws.redis.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Redis conversation store, used with
 * {@code responses.ws.conversations.store=redis}. The Redis connection itself is Spring Boot's
 * ({@code spring.data.redis.*}).
 */
@ConfigurationProperties("responses.ws.conversations.redis")
public class ResponsesWsRedisProperties {

	/**
	 * Prefix of the keys of stored conversations.
	 */
	private String keyPrefix = "responses-ws:conversation:";

	/**
	 * How long a conversation is kept after its last turn, 0 or longer; 0 keeps conversations
	 * until they are deleted.
	 */
	private Duration ttl = Duration.ofDays(7);

	/**
	 * How long each read or write of the store may take, longer than 0; a turn whose
	 * conversation cannot be read within it fails before anything is sent to the model.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Most items a stored transcript may hold, at least 1.
	 */
	private int maxItems = 10_000;

	/**
	 * Largest size of the items of a stored transcript, as UTF-8 JSON, at least 1B.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(8);

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxItems() {
		return this.maxItems;
	}

	public void setMaxItems(int maxItems) {
		this.maxItems = maxItems;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

}
