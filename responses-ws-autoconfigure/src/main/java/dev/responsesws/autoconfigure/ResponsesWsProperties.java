package dev.responsesws.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.responsesws.client.session.CancelPolicy;
import dev.responsesws.client.session.LaneMode;
import dev.responsesws.client.session.ResponsesSessionDefaults;
import dev.responsesws.client.session.TransportMode;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the responses-ws session. The session's settings default to the
 * client's own defaults, {@link ResponsesSessionDefaults}, except the shutdown grace period, which
 * is derived from Spring's shutdown phase. A value out of the range its description gives, or a
 * placeholder left unresolved, stops the start-up with a report that names the property.
 */
@ConfigurationProperties("responses.ws")
public class ResponsesWsProperties {

	/**
	 * API key. When not set, the OPENAI_API_KEY environment variable is used.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the API; the WebSocket URL is derived from it (https://host/v1 becomes
	 * wss://host/v1/responses).
	 */
	private String baseUrl = ResponsesSessionDefaults.BASE_URL;

	/**
	 * Header that carries the API key; with "Authorization" the key is sent as a Bearer token,
	 * with any other header as it is.
	 */
	private String apiKeyHeader = ResponsesSessionDefaults.API_KEY_HEADER;

	/**
	 * Model of the conversations created by the conversation factory.
	 */
	private @Nullable String model;

	/**
	 * Instructions of the conversations created by the conversation factory.
	 */
	private @Nullable String instructions;

	/**
	 * Whether conversations created by the conversation factory ask the server to store their
	 * responses. WebSocket mode works without storage (Zero Data Retention).
	 */
	private boolean store;

	/**
	 * OpenAI organization id, sent as the OpenAI-Organization header.
	 */
	private @Nullable String organization;

	/**
	 * OpenAI project id, sent as the OpenAI-Project header.
	 */
	private @Nullable String project;

	/**
	 * Additional headers sent with every upgrade and HTTP request.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Transport to use.
	 */
	private TransportMode transport = ResponsesSessionDefaults.TRANSPORT;

	/**
	 * Whether to switch to HTTP for the rest of the application's life when the server has no
	 * WebSocket mode (426 on the upgrade).
	 */
	private boolean fallbackToHttp = ResponsesSessionDefaults.FALLBACK_TO_HTTP;

	/**
	 * Whether to allow ws:// and http:// to hosts other than the loopback address, which sends
	 * the API key in clear text.
	 */
	private boolean allowCleartext = ResponsesSessionDefaults.ALLOW_CLEARTEXT;

	private final Pool pool = new Pool();

	private final Lanes lanes = new Lanes();

	private final Connection connection = new Connection();

	private final Startup startup = new Startup();

	private final Shutdown shutdown = new Shutdown();

	private final Health health = new Health();

	private final Ssl ssl = new Ssl();

	private final Conversations conversations = new Conversations();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getApiKeyHeader() {
		return this.apiKeyHeader;
	}

	public void setApiKeyHeader(String apiKeyHeader) {
		this.apiKeyHeader = apiKeyHeader;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable String getInstructions() {
		return this.instructions;
	}

	public void setInstructions(@Nullable String instructions) {
		this.instructions = instructions;
	}

	public boolean isStore() {
		return this.store;
	}

	public void setStore(boolean store) {
		this.store = store;
	}

	public @Nullable String getOrganization() {
		return this.organization;
	}

	public void setOrganization(@Nullable String organization) {
		this.organization = organization;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public TransportMode getTransport() {
		return this.transport;
	}

	public void setTransport(TransportMode transport) {
		this.transport = transport;
	}

	public boolean isFallbackToHttp() {
		return this.fallbackToHttp;
	}

	public void setFallbackToHttp(boolean fallbackToHttp) {
		this.fallbackToHttp = fallbackToHttp;
	}

	public boolean isAllowCleartext() {
		return this.allowCleartext;
	}

	public void setAllowCleartext(boolean allowCleartext) {
		this.allowCleartext = allowCleartext;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Lanes getLanes() {
		return this.lanes;
	}

	public Connection getConnection() {
		return this.connection;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Health getHealth() {
		return this.health;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Conversations getConversations() {
		return this.conversations;
	}

	/**
	 * Connection pool settings.
	 */
	public static class Pool {

		/**
		 * Connections opened at start-up when startup.connect is set (at least one then), between 0
		 * and pool.max-connections.
		 */
		private int minConnections = ResponsesSessionDefaults.MIN_CONNECTIONS;

		/**
		 * Most WebSocket connections open at once, at least 1.
		 */
		private int maxConnections = ResponsesSessionDefaults.MAX_CONNECTIONS;

		/**
		 * Most turns waiting for a free connection, at least 0; more fail with a saturation error.
		 */
		private int maxQueued = ResponsesSessionDefaults.MAX_QUEUED;

		/**
		 * Longest wait in the queue for a busy connection to free up, longer than 0.
		 */
		private Duration acquireTimeout = ResponsesSessionDefaults.ACQUIRE_TIMEOUT;

		/**
		 * How long after its turn a chain keeps its connection (or lane) from a turn that would
		 * take its place, 0 or longer; 0 keeps nothing.
		 */
		private Duration chainContinuation = ResponsesSessionDefaults.CHAIN_CONTINUATION;

		/**
		 * Longest wait any turn gets because a chain keeps its place; longer than 0 and shorter
		 * than the acquire timeout. Defaults to 5s, or half the acquire timeout when that is 5s or less.
		 */
		private @Nullable Duration chainMaxDelay;

		public int getMinConnections() {
			return this.minConnections;
		}

		public void setMinConnections(int minConnections) {
			this.minConnections = minConnections;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxQueued() {
			return this.maxQueued;
		}

		public void setMaxQueued(int maxQueued) {
			this.maxQueued = maxQueued;
		}

		public Duration getAcquireTimeout() {
			return this.acquireTimeout;
		}

		public void setAcquireTimeout(Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
		}

		public Duration getChainContinuation() {
			return this.chainContinuation;
		}

		public void setChainContinuation(Duration chainContinuation) {
			this.chainContinuation = chainContinuation;
		}

		public @Nullable Duration getChainMaxDelay() {
			return this.chainMaxDelay;
		}

		public void setChainMaxDelay(@Nullable Duration chainMaxDelay) {
			this.chainMaxDelay = chainMaxDelay;
		}

	}

	/**
	 * Lane (stream_id) settings, for servers that support several responses per connection.
	 */
	public static class Lanes {

		/**
		 * Whether to run several turns per connection on stream_id lanes: auto (until the server
		 * refuses stream_id), on or off.
		 */
		private LaneMode mode = ResponsesSessionDefaults.LANE_MODE;

		/**
		 * Turns in flight, and chains held, per connection with lanes, between 1 and 16.
		 */
		private int maxTurnsPerConnection = ResponsesSessionDefaults.MAX_TURNS_PER_CONNECTION;

		public LaneMode getMode() {
			return this.mode;
		}

		public void setMode(LaneMode mode) {
			this.mode = mode;
		}

		public int getMaxTurnsPerConnection() {
			return this.maxTurnsPerConnection;
		}

		public void setMaxTurnsPerConnection(int maxTurnsPerConnection) {
			this.maxTurnsPerConnection = maxTurnsPerConnection;
		}

	}

	/**
	 * Settings of each connection.
	 */
	public static class Connection {

		/**
		 * Largest frame or server-sent event accepted, between 1KB and 2GB less one byte; a
		 * response.completed carries the whole response.
		 */
		private DataSize maxFrameSize = DataSize.ofBytes(ResponsesSessionDefaults.MAX_FRAME_SIZE);

		/**
		 * Whether to offer permessage-deflate compression.
		 */
		private boolean compression = ResponsesSessionDefaults.COMPRESSION;

		/**
		 * Limit for opening a connection, TCP connect plus WebSocket upgrade, retries included;
		 * longer than 0.
		 */
		private Duration connectTimeout = ResponsesSessionDefaults.CONNECT_TIMEOUT;

		/**
		 * Longest wait for the next event of a turn while the subscriber asks for one, longer than 0.
		 */
		private Duration idleTimeout = ResponsesSessionDefaults.IDLE_TIMEOUT;

		/**
		 * Interval of keep-alive pings on idle connections; 0 for none.
		 */
		private Duration pingInterval = ResponsesSessionDefaults.PING_INTERVAL;

		/**
		 * Age at which a connection retires: closed at once when idle, after its running turns
		 * otherwise (the server's limit is 60 minutes); longer than 0.
		 */
		private Duration maxAge = ResponsesSessionDefaults.MAX_CONNECTION_AGE;

		/**
		 * What a connection does when a running turn is cancelled: drain the rest of the
		 * response, or close.
		 */
		private CancelPolicy cancelPolicy = ResponsesSessionDefaults.CANCEL_POLICY;

		/**
		 * Back-off after a failed connect, longer than 0, doubled per consecutive failure; turns
		 * needing a new connection fail at once during it.
		 */
		private Duration reconnectBackoff = ResponsesSessionDefaults.RECONNECT_BACKOFF;

		/**
		 * Largest back-off after failed connects, at least connection.reconnect-backoff.
		 */
		private Duration maxReconnectBackoff = ResponsesSessionDefaults.MAX_RECONNECT_BACKOFF;

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public boolean isCompression() {
			return this.compression;
		}

		public void setCompression(boolean compression) {
			this.compression = compression;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public CancelPolicy getCancelPolicy() {
			return this.cancelPolicy;
		}

		public void setCancelPolicy(CancelPolicy cancelPolicy) {
			this.cancelPolicy = cancelPolicy;
		}

		public Duration getReconnectBackoff() {
			return this.reconnectBackoff;
		}

		public void setReconnectBackoff(Duration reconnectBackoff) {
			this.reconnectBackoff = reconnectBackoff;
		}

		public Duration getMaxReconnectBackoff() {
			return this.maxReconnectBackoff;
		}

		public void setMaxReconnectBackoff(Duration maxReconnectBackoff) {
			this.maxReconnectBackoff = maxReconnectBackoff;
		}

	}

	/**
	 * What happens at start-up.
	 */
	public static class Startup {

		/**
		 * Whether to open pool.min-connections connections, at least one, at start-up instead of
		 * at the first turn; a refused key or a server out of reach then stops the start-up with
		 * a report.
		 */
		private boolean connect;

		/**
		 * Whether to send a warm-up request (generate:false with the configured model and
		 * instructions) at start-up, which checks the key and the model early. A session on
		 * HTTP, configured or after a fallback, has no warm-up and checks the server and the key
		 * with a probe instead.
		 */
		private boolean warmup;

		/**
		 * Longest wait for the start-up connect and warm-up, longer than 0.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		public boolean isConnect() {
			return this.connect;
		}

		public void setConnect(boolean connect) {
			this.connect = connect;
		}

		public boolean isWarmup() {
			return this.warmup;
		}

		public void setWarmup(boolean warmup) {
			this.warmup = warmup;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * What happens at shutdown.
	 */
	public static class Shutdown {

		/**
		 * How long running turns may take to finish when the application stops; then the turns
		 * still running fail with SessionClosedException and the connections close. When not
		 * set, spring.lifecycle.timeout-per-shutdown-phase less 5s to close the connections (less
		 * half of it when it is under 10s): 25s with Boot's default. A longer grace period fails
		 * the start-up.
		 */
		private @Nullable Duration grace;

		public @Nullable Duration getGrace() {
			return this.grace;
		}

		public void setGrace(@Nullable Duration grace) {
			this.grace = grace;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * How long the result of the reachability probe (an upgrade, or GET /models over HTTP;
		 * never a model call) is reused, 0 or longer.
		 */
		private Duration probeTtl = Duration.ofSeconds(30);

		public Duration getProbeTtl() {
			return this.probeTtl;
		}

		public void setProbeTtl(Duration probeTtl) {
			this.probeTtl = probeTtl;
		}

	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust and key material secures
		 * wss:// and https:// connections. When not set, the JVM's default trust store is used.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Settings of the conversations opened by id (ResponsesConversations.open).
	 */
	public static class Conversations {

		/**
		 * Where conversations opened by id live between their turns: "memory" (this instance
		 * only) or "redis" (shared by every instance; needs the responses-ws-redis module and a
		 * Redis connection).
		 */
		private Store store = Store.MEMORY;

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		/**
		 * A conversation store.
		 */
		public enum Store {

			/**
			 * In this instance's memory.
			 */
			MEMORY,

			/**
			 * In Redis, shared by every instance.
			 */
			REDIS

		}

	}

}
