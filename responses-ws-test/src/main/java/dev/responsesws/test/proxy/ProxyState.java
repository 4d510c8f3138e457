package dev.responsesws.test.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live settings, armed faults and counters a {@link NetworkProxy} shares with its
 * connections. Written by the caller's thread, read on the event loop, hence volatile or atomic.
 */
final class ProxyState {

	private final long bytesPerSecond;

	private volatile long upstreamDelayNanos;

	private volatile long downstreamDelayNanos;

	private volatile boolean stalled;

	private volatile boolean refusing;

	/** The bytes the next downstream-forwarding connection may still send; negative when disarmed. */
	private final AtomicLong armedCut = new AtomicLong(-1);

	private final AtomicLong bytesUpstream = new AtomicLong();

	private final AtomicLong bytesDownstream = new AtomicLong();

	ProxyState(long upstreamDelayNanos, long downstreamDelayNanos, long bytesPerSecond) {
		this.upstreamDelayNanos = upstreamDelayNanos;
		this.downstreamDelayNanos = downstreamDelayNanos;
		this.bytesPerSecond = bytesPerSecond;
	}

	long delayNanos(Direction direction) {
		return (direction == Direction.UPSTREAM) ? this.upstreamDelayNanos : this.downstreamDelayNanos;
	}

	void delays(long upstreamNanos, long downstreamNanos) {
		this.upstreamDelayNanos = upstreamNanos;
		this.downstreamDelayNanos = downstreamNanos;
	}

	/** The cap per direction per connection, 0 for none. */
	long bytesPerSecond() {
		return this.bytesPerSecond;
	}

	boolean stalled() {
		return this.stalled;
	}

	void stalled(boolean stalled) {
		this.stalled = stalled;
	}

	boolean refusing() {
		return this.refusing;
	}

	void refusing(boolean refusing) {
		this.refusing = refusing;
	}

	void armCut(long bytes) {
		this.armedCut.set(bytes);
	}

	/**
	 * Take the armed cut, if any, so that exactly one connection carries it out.
	 * @return the bytes that connection may still forward downstream, or -1 if no cut is armed
	 */
	long claimCut() {
		return (this.armedCut.get() < 0) ? -1 : this.armedCut.getAndSet(-1);
	}

	void countForwarded(Direction direction, int bytes) {
		((direction == Direction.UPSTREAM) ? this.bytesUpstream : this.bytesDownstream).addAndGet(bytes);
	}

	long bytesForwarded(Direction direction) {
		return ((direction == Direction.UPSTREAM) ? this.bytesUpstream : this.bytesDownstream).get();
	}

}
