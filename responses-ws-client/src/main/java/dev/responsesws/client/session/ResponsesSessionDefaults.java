package dev.responsesws.client.session;

import java.time.Duration;


/**
 * The defaults of {@link ResponsesSession.Builder}: the value each setting has when it is not
 * set. Integrations that expose the settings (Spring Boot's {@code responses.ws.*} properties,
 * for example) take their defaults from here, so a session configured through them behaves like
 * one built with {@link ResponsesSession#builder()}.
 *
 * <p>The pool is sized for chains: a conversation keeps its chain as long as the connection
 * that holds its last response has room for its next turn. With lanes ({@link LaneMode#AUTO}
 * on a server that has them), a connection takes new chains while it holds fewer than
 * {@link #MAX_TURNS_PER_CONNECTION} of them, each on a lane of its own, so every chain it holds
 * can run its next turn at once; {@link #MAX_CONNECTIONS} such connections keep the chains of
 * {@value #MAX_CONNECTIONS} &times; {@value #MAX_TURNS_PER_CONNECTION} = 128 conversations
 * going at once. Further conversations crowd the connections, up to the 32 lanes a connection
 * may have (256 chains on 8 connections): a chain whose connection already runs its maximum of
 * turns waits for it, at most {@link #CHAIN_MAX_DELAY}, and past 32 lanes a new chain takes the
 * lane of the chain used least recently that is not about to continue. Without lanes a
 * connection holds one chain, so the pool keeps {@value #MAX_CONNECTIONS} at once; a chain keeps
 * its connection for {@link #CHAIN_CONTINUATION} after each turn, so conversations whose next
 * turn follows within that window keep their chains while others wait (at most
 * {@link #CHAIN_MAX_DELAY}). Size the pool with
 * {@link ResponsesSession.Builder#connections(int, int)} for the conversations running at once:
 * divided by the turns per connection with lanes, one connection per conversation without them.
 */
public final class ResponsesSessionDefaults {

	/**
	 * The API base URL, {@value}; the WebSocket URL is derived from it.
	 * @see ResponsesSession.Builder#baseUrl(String)
	 */
	public static final String BASE_URL = "https://api.openai.com/v1";

	/**
	 * The header that carries the API key, {@value}, which sends it as {@code Bearer} token.
	 * @see ResponsesSession.Builder#apiKeyHeader(String)
	 */
	public static final String API_KEY_HEADER = "Authorization";

	/**
	 * The transport: {@link TransportMode#WEBSOCKET}.
	 * @see ResponsesSession.Builder#transport(TransportMode)
	 */
	public static final TransportMode TRANSPORT = TransportMode.WEBSOCKET;

	/**
	 * Whether a 426 on the WebSocket upgrade switches the session to HTTP: {@value}.
	 * @see ResponsesSession.Builder#fallbackToHttp(boolean)
	 */
	public static final boolean FALLBACK_TO_HTTP = true;

	/**
	 * The connections {@link ResponsesSession#connect()} opens: {@value}.
	 * @see ResponsesSession.Builder#connections(int, int)
	 */
	public static final int MIN_CONNECTIONS = 0;

	/**
	 * The most connections open at once: {@value}, enough for the chains of 128 conversations
	 * with lanes and of 8 without.
	 * @see ResponsesSession.Builder#connections(int, int)
	 */
	public static final int MAX_CONNECTIONS = 8;

	/**
	 * The most turns waiting for a connection: {@value}.
	 * @see ResponsesSession.Builder#queue(int, Duration)
	 */
	public static final int MAX_QUEUED = 256;

	/**
	 * The longest wait in the queue for a busy connection to free up: 30 seconds.
	 * @see ResponsesSession.Builder#queue(int, Duration)
	 */
	public static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Whether turns run on {@code stream_id} lanes: {@link LaneMode#AUTO}, lanes as long as the
	 * server accepts them.
	 * @see ResponsesSession.Builder#lanes(LaneMode, int)
	 */
	public static final LaneMode LANE_MODE = LaneMode.AUTO;

	/**
	 * The turns in flight, and the chains held, per connection when lanes are in use: {@value},
	 * the most a server runs at once on one connection and the most allowed.
	 * @see ResponsesSession.Builder#lanes(LaneMode, int)
	 */
	public static final int MAX_TURNS_PER_CONNECTION = 16;

	/**
	 * How long after its turn a chain keeps its connection (or lane) from a turn that would
	 * take its place: 500 milliseconds.
	 * @see ResponsesSession.Builder#chainContinuation(Duration, Duration)
	 */
	public static final Duration CHAIN_CONTINUATION = Duration.ofMillis(500);

	/**
	 * The longest any turn waits because a chain keeps its place: 5 seconds.
	 * @see ResponsesSession.Builder#chainContinuation(Duration, Duration)
	 */
	public static final Duration CHAIN_MAX_DELAY = Duration.ofSeconds(5);

	/**
	 * The age at which a connection retires at its next turn boundary: 55 minutes (the server's
	 * limit is 60).
	 * @see ResponsesSession.Builder#maxConnectionAge(Duration)
	 */
	public static final Duration MAX_CONNECTION_AGE = Duration.ofMinutes(55);

	/**
	 * The largest frame (or server-sent event) accepted, in bytes: {@value} (16 MiB).
	 * @see ResponsesSession.Builder#maxFrameSize(int)
	 */
	public static final int MAX_FRAME_SIZE = 16 * 1024 * 1024;

	/**
	 * Whether to offer permessage-deflate: {@value}.
	 * @see ResponsesSession.Builder#compression(boolean)
	 */
	public static final boolean COMPRESSION = true;

	/**
	 * The limit for opening a connection, the TCP connect plus the WebSocket upgrade, retries
	 * included: 10 seconds.
	 * @see ResponsesSession.Builder#connectTimeout(Duration)
	 */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The longest wait for the next event of a turn while the subscriber asks for one: 5
	 * minutes.
	 * @see ResponsesSession.Builder#idleTimeout(Duration)
	 */
	public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * The interval of keep-alive pings on idle connections: 30 seconds.
	 * @see ResponsesSession.Builder#pingInterval(Duration)
	 */
	public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

	/**
	 * What a connection does when a running turn is cancelled: {@link CancelPolicy#DRAIN}.
	 * @see ResponsesSession.Builder#cancelPolicy(CancelPolicy)
	 */
	public static final CancelPolicy CANCEL_POLICY = CancelPolicy.DRAIN;

	/**
	 * The back-off after a failed connect, doubled per consecutive failure: 200 milliseconds.
	 * @see ResponsesSession.Builder#reconnectBackoff(Duration, Duration)
	 */
	public static final Duration RECONNECT_BACKOFF = Duration.ofMillis(200);

	/**
	 * The largest back-off after failed connects: 30 seconds.
	 * @see ResponsesSession.Builder#reconnectBackoff(Duration, Duration)
	 */
	public static final Duration MAX_RECONNECT_BACKOFF = Duration.ofSeconds(30);

	/**
	 * How long running turns may take to finish when the session closes: 30 seconds.
	 * @see ResponsesSession.Builder#closeGrace(Duration)
	 */
	public static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

	/**
	 * Whether {@code ws://} and {@code http://} to hosts other than the loopback address are
	 * allowed: {@value}.
	 * @see ResponsesSession.Builder#allowCleartext(boolean)
	 */
	public static final boolean ALLOW_CLEARTEXT = false;

	private ResponsesSessionDefaults() {
	}

}
