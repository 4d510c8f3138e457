package dev.responsesws.client.session;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the chains of a session's turns fared: the turns that continued a chain with
 * {@code previous_response_id}, and those that could not, by reason.
 *
 * @param hits turns sent with {@code previous_response_id} that the server accepted
 * @param storedHits the hits whose previous response no connection of this session held, so
 * that the server read it from its storage ({@code store:true}), slower than from a
 * connection's memory: a conversation continued on another instance, for example
 * @param misses turns of a chain that were refused with {@code previous_response_not_found} or
 * sent their transcript again, by reason; every reason is present
 */
public record ChainCounts(long hits, long storedHits, Map<ChainMissReason, Long> misses) {

	/**
	 * Copy the misses, filling in every reason.
	 * @param hits the hits
	 * @param storedHits the hits served from the server's storage
	 * @param misses the misses by reason
	 */
	public ChainCounts {
		Map<ChainMissReason, Long> all = new EnumMap<>(ChainMissReason.class);
		for (ChainMissReason reason : ChainMissReason.values()) {
			all.put(reason, misses.getOrDefault(reason, 0L));
		}
		misses = Collections.unmodifiableMap(all);
	}

	/**
	 * Create counts without stored hits.
	 * @param hits the hits
	 * @param misses the misses by reason
	 */
	public ChainCounts(long hits, Map<ChainMissReason, Long> misses) {
		this(hits, 0, misses);
	}

	/**
	 * Return the misses of every reason.
	 * @return the total
	 */
	public long missed() {
		long total = 0;
		for (long count : this.misses.values()) {
			total += count;
		}
		return total;
	}

	/**
	 * Return the share of chain turns that were hits.
	 * @return between 0 and 1; 1 when no turn continued a chain
	 */
	public double hitRatio() {
		long all = this.hits + missed();
		return (all == 0) ? 1.0 : (double) this.hits / all;
	}

}
