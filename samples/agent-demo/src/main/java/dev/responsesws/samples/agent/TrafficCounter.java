package dev.responsesws.samples.agent;

import java.util.concurrent.atomic.AtomicLong;

import dev.responsesws.client.session.SessionObserver;

/**
 * Counts the bytes the session sends and receives, for the demo's summary.
 */
class TrafficCounter implements SessionObserver {

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	@Override
	public void bytesSent(long bytes) {
		this.sent.addAndGet(bytes);
	}

	@Override
	public void bytesReceived(long bytes) {
		this.received.addAndGet(bytes);
	}

	long sent() {
		return this.sent.get();
	}

	long received() {
		return this.received.get();
	}

}
