package dev.responsesws.test.proxy;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;

/**
 * A client connection and its upstream connection, with the faults armed on them.
 */
final class ProxiedConnection {

	private final NetworkProxy proxy;

	final Channel client;

	@Nullable Channel upstream;

	@Nullable Relay toUpstream;

	@Nullable Relay toClient;

	/** Bytes that may still go to the client before a cut; negative when no cut is armed. */
	private long cutRemaining = -1;

	private boolean reset;

	ProxiedConnection(NetworkProxy proxy, Channel client) {
		this.proxy = proxy;
		this.client = client;
	}

	boolean isReset() {
		return this.reset;
	}

	/** @return how many of the next {@code bytes} may be forwarded to the client before a cut */
	long allowedBeforeCut(int bytes) {
		if (this.cutRemaining < 0) {
			this.cutRemaining = this.proxy.claimCut();
		}
		if (this.cutRemaining < 0) {
			return bytes;
		}
		long allowed = Math.min(bytes, this.cutRemaining);
		this.cutRemaining -= allowed;
		return allowed;
	}

	/** Abort both sides with a TCP reset. */
	void reset() {
		if (this.reset) {
			return;
		}
		this.reset = true;
		abort(this.client);
		Channel up = this.upstream;
		if (up != null) {
			abort(up);
		}
		this.proxy.removed(this);
	}

	/** One side closed: close the other once what is scheduled for it has been written. */
	void sideClosed(Channel side, long lastDue) {
		Channel other = (side == this.client) ? this.upstream : this.client;
		Relay towardsOther = (side == this.client) ? this.toUpstream : this.toClient;
		long drainedBy = Math.max(lastDue, (towardsOther != null) ? towardsOther.drainedBy() : 0);
		if (other != null && other.isActive()) {
			long delay = Math.max(0, drainedBy - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(1);
			other.eventLoop().schedule(() -> {
				other.close();
			}, delay, TimeUnit.NANOSECONDS);
		}
		this.proxy.removed(this);
	}

	void stall() {
		this.client.config().setAutoRead(false);
		Channel up = this.upstream;
		if (up != null) {
			up.config().setAutoRead(false);
		}
	}

	void resume() {
		this.client.eventLoop().execute(() -> {
			Channel up = this.upstream;
			if (this.toClient != null && up != null) {
				this.toClient.resume(up);
			}
			if (this.toUpstream != null) {
				this.toUpstream.resume(this.client);
			}
		});
	}

	static void abort(Channel channel) {
		if (channel.isOpen()) {
			channel.config().setOption(ChannelOption.SO_LINGER, 0);
			channel.close();
		}
	}

}
