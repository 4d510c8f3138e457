package dev.responsesws.test;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes unique, deterministic ids in the style of the API ({@code resp_...}, {@code msg_...}).
 */
final class IdGenerator {

	private final AtomicLong counter = new AtomicLong();

	String next(String prefix) {
		return prefix + "_" + String.format("%016x", this.counter.incrementAndGet());
	}

}
