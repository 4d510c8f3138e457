package dev.responsesws.client.session;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ConnectBackoffException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.internal.transport.HttpResponsesTransport;
import dev.responsesws.client.request.CreateResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Sends the turns of a session over its transport and fails over where the protocol allows it:
 * a turn refused with {@code websocket_connection_limit_reached} before any event runs again,
 * once, on a connection opened after the refusal (any older one may be past the server's age
 * limit too; those opened before the refused one are retired with it), a turn whose lane the
 * server refuses as an unknown parameter (a server without lanes) makes the session stop using
 * lanes in {@link LaneMode#AUTO} and runs again without one, and a 426 on the WebSocket upgrade
 * (a server without WebSocket mode) switches the session to HTTP for the rest of its life when
 * {@code fallbackToHttp} is set. Every turn over HTTP, configured or fallen
 * back, passes the same checks before its request is sent: a warm-up ({@code generate:false})
 * fails with {@link dev.responsesws.client.error.WarmupUnavailableException} (from the HTTP
 * transport) and, once the session closes, a turn that had not sent its request yet fails with
 * {@link dev.responsesws.client.error.SessionClosedException}. Thread-safe.
 */
final class TransportFailover {

	private static final Logger logger = Loggers.getLogger(TransportFailover.class);

	private static final String STREAM_ID = "stream_id";

	private final boolean fallbackToHttp;

	private final LaneMode laneMode;

	private final ConnectionPool pool;

	private final HttpResponsesTransport http;

	private final HttpTurns httpTurns = new HttpTurns();

	private volatile TransportMode transport;

	TransportFailover(SessionConfig config, ConnectionPool pool, HttpResponsesTransport http) {
		this.fallbackToHttp = config.fallbackToHttp();
		this.laneMode = config.laneMode();
		this.transport = config.transport();
		this.pool = pool;
		this.http = http;
	}

	/**
	 * Return the transport turns use now.
	 * @return the configured transport, or {@link TransportMode#HTTP} after a fallback
	 */
	TransportMode transport() {
		return this.transport;
	}

	/**
	 * Return the turns running over HTTP.
	 * @return the count
	 */
	int httpInFlight() {
		return this.httpTurns.running();
	}

	/**
	 * Refuse turns over HTTP from now on and wait for those running. Nothing happens until the
	 * {@code Mono} is subscribed.
	 * @return a {@code Mono} that completes when no turn runs over HTTP any more
	 */
	Mono<Void> closeHttp() {
		return this.httpTurns.close();
	}

	/**
	 * Send a turn.
	 * @param request the request
	 * @param mode the transport to start on, normally {@link #transport()}
	 * @return the turn's events, cold
	 */
	Flux<ResponseEvent> send(CreateResponse request, TransportMode mode) {
		return (mode == TransportMode.HTTP) ? overHttp(request) : overWebSocket(request);
	}

	private Flux<ResponseEvent> overHttp(CreateResponse request) {
		return this.httpTurns.run(() -> this.http.send(request));
	}

	private Flux<ResponseEvent> overWebSocket(CreateResponse request) {
		return this.pool.acquire(request)
			.flatMapMany((lease) -> run(lease, request, false))
			.onErrorResume((error) -> {
				if (fallsBackToHttp(error)) {
					this.transport = TransportMode.HTTP;
					return overHttp(request);
				}
				return Flux.error(error);
			});
	}

	private Flux<ResponseEvent> run(Lease lease, CreateResponse request, boolean retried) {
		CreateResponse sent = (lease.lane() != null) ? request.toBuilder().streamId(lease.lane()).build() : request;
		boolean[] delivered = new boolean[1];
		long[] openedBefore = new long[1];
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.pool.release(lease);
			}
		};
		// released before the end reaches the caller, so a caller's next turn finds the connection free
		return lease.pooled().connection.send(sent).doOnNext((event) -> {
			delivered[0] = true;
			if (event instanceof ResponseCreatedEvent created) {
				this.pool.remember(lease, created.response().id());
			}
		}).doOnError(ResponsesApiException.class, (error) -> {
			// retired before the release, which would otherwise hand the refusing connection to
			// the next waiting turn
			if (!retried && !delivered[0] && isConnectionLimitReached(error)) {
				openedBefore[0] = this.pool.lastSequence();
				this.pool.retireAsOldAs(lease.pooled());
			}
			else if (runsAgainWithoutLane(lease, delivered[0], error) && this.pool.stopLanes()) {
				logger.info("The server has no lanes: it refused the stream_id of a turn on "
						+ lease.pooled().connection.id() + " (" + error.getMessage()
						+ "); the session runs its turns without lanes from now on");
			}
		}).doOnTerminate(release).doOnCancel(release).onErrorResume(ResponsesApiException.class, (error) -> {
			if (!retried && !delivered[0] && isConnectionLimitReached(error)) {
				return this.pool.acquireOpenedAfter(request, openedBefore[0])
					.flatMapMany((next) -> run(next, request, true));
			}
			if (runsAgainWithoutLane(lease, delivered[0], error)) {
				return this.pool.acquire(request).flatMapMany((next) -> run(next, request, retried));
			}
			return Flux.error(error);
		});
	}

	/**
	 * A turn the session put on a lane, refused before it started because the server does not
	 * know {@code stream_id}, runs again without a lane in {@link LaneMode#AUTO}.
	 */
	private boolean runsAgainWithoutLane(Lease lease, boolean delivered, ResponsesApiException error) {
		return this.laneMode == LaneMode.AUTO && lease.lane() != null && !delivered && isLaneRefused(error);
	}

	private static boolean isLaneRefused(ResponsesApiException error) {
		return STREAM_ID.equals(error.error().param()) && (ApiError.UNKNOWN_PARAMETER.equals(error.code())
				|| ApiError.UNKNOWN_PARAMETER.equals(error.error().type()));
	}

	/**
	 * A turn refused during the back-off after a 426 (one that started while the first 426 was
	 * on its way) falls back too.
	 */
	private boolean fallsBackToHttp(Throwable error) {
		Throwable refusal = (error instanceof ConnectBackoffException backingOff) ? backingOff.getCause() : error;
		return this.fallbackToHttp && refusal instanceof HandshakeRejectedException rejected && rejected.status() == 426;
	}

	private static boolean isConnectionLimitReached(ResponsesApiException error) {
		return ApiError.CONNECTION_LIMIT_REACHED.equals(error.code());
	}

}
