package dev.responsesws.client.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of a session at one moment, for health checks and metrics.
 *
 * @param transport the transport in use ({@link TransportMode#HTTP} after a fallback)
 * @param lanesInUse whether new turns run on {@code stream_id} lanes (see
 * {@link ResponsesSession#lanesInUse()})
 * @param connectionsOpen open WebSocket connections
 * @param connectionsBusy of those, connections running at least one turn
 * @param connectionsConnecting connections being opened
 * @param inFlight turns running
 * @param queued turns waiting for a connection
 * @param turnsCompleted turns that ended with a terminal event
 * @param turnsFailed turns that ended with an error
 * @param connectionsOpened connections opened since the session started
 * @param reconnects connections opened to replace one the server or the network closed
 * @param rotations connections retired because of their age or the server's age limit
 * @param connectFailures failed attempts to open a connection
 * @param chains the turns that continued a chain, and those that could not, by reason
 * @param lastError the message of the last error, without secrets
 * @param lastErrorAt when it happened
 * @param lastSuccessAt when a turn last completed
 * @param closed whether the session is closed or closing
 */
public record SessionSnapshot(TransportMode transport, boolean lanesInUse, int connectionsOpen, int connectionsBusy,
		int connectionsConnecting, int inFlight, int queued, long turnsCompleted, long turnsFailed,
		long connectionsOpened, long reconnects, long rotations, long connectFailures, ChainCounts chains, @Nullable String lastError,
		@Nullable Instant lastErrorAt, @Nullable Instant lastSuccessAt, boolean closed) {

	/**
	 * Return the open connections that run no turn.
	 * @return the count
	 */
	public int connectionsIdle() {
		return this.connectionsOpen - this.connectionsBusy;
	}

}
