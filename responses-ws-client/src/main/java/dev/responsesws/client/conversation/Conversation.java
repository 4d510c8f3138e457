package dev.responsesws.client.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.internal.request.CreateResponseCodec;
import dev.responsesws.client.internal.transport.SentBytes;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.request.Tool;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseFailedException;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.TransportMode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation on a {@link ResponsesSession}: it keeps the transcript and chains turns so that
 * each one sends only its new items with {@code previous_response_id}, which is where WebSocket
 * mode saves time.
 *
 * <p>The first turn sends the full input. Later turns send only the new items, as long as the
 * previous response is still held by a live connection (or stored, with {@code store:true}) and
 * the settings are unchanged. When the chain is lost (the connection closed or rotated, the
 * server answered {@code previous_response_not_found}, the settings changed), the turn starts a
 * new chain carrying the whole transcript, without the caller noticing; each loss costs exactly
 * one replay. Instructions and tools go with every turn, since the server does not inherit them.
 *
 * <pre>{@code
 * Conversation conversation = Conversation.builder(session)
 *     .settings(CreateResponse.builder().model("gpt-5.1").instructions("Be brief.").store(false).build())
 *     .build();
 * conversation.warmup().block();
 * Response first = conversation.execute(InputMessage.user("Hi")).block();
 * Response second = conversation.execute(InputMessage.user("And then?")).block();  // only the new item is sent
 * }</pre>
 *
 * <p>Code that does not use Reactor (Spring MVC controllers, virtual threads) has blocking
 * counterparts, each bounded by a timeout and refused on Reactor's non-blocking threads:
 * {@link #ask(String, Duration)}, {@link #call(Duration, InputItem...)},
 * {@link #stream(Duration, InputItem...)} and
 * {@link #runBlocking(String, List, AgentOptions, Duration)}.
 *
 * <p>A conversation built with {@link Builder#store(ConversationStore, String)} lives in a
 * {@link ConversationStore}, so that any instance of an application continues it: each turn
 * reads the stored conversation first (and fails with
 * {@link dev.responsesws.client.error.ConversationStoreException}, sending nothing, when the
 * store does not answer in time), then runs, then appends its items with the version it read
 * (failing with {@link dev.responsesws.client.error.ConversationConflictException} when another
 * turn was appended first). On the instance whose connection holds the last response the next
 * turn continues the chain from the connection's memory; on another instance it continues it from
 * the server's storage when that response was stored ({@code store:true}), and otherwise sends
 * the transcript once.
 *
 * <p>One turn at a time: a turn started while another runs fails with
 * {@link IllegalStateException}. Otherwise thread-safe.
 */
public final class Conversation {

	private static final CreateResponseCodec CODEC = new CreateResponseCodec();

	private final ResponsesSession session;

	private final Transcript transcript;

	private final AtomicLong replays = new AtomicLong();

	private final AtomicLong turns = new AtomicLong();

	private final @Nullable ConversationStore store;

	private final @Nullable String id;

	/** The version of the stored conversation this one mirrors; -1 until it was read. */
	private long version = -1;

	/** Whether the last response was created with {@code store:true}. */
	private boolean lastStored;

	/** The instance whose connection produced the last response, when the store said so. */
	private @Nullable String lastInstanceId;

	private CreateResponse settings;

	private @Nullable String lastResponseId;

	private @Nullable String chainFingerprint;

	private @Nullable String fingerprint;

	private @Nullable CreateResponse fingerprintedSettings;

	private List<Tool> fingerprintedTools = List.of();

	private boolean busy;

	/** The chain was lost by a failed turn; the next new chain counts as a replay. */
	private boolean chainBroken;

	private @Nullable SentTurn lastSent;

	private Conversation(Builder builder) {
		this.session = builder.session;
		this.settings = builder.settings;
		this.store = builder.store;
		this.id = builder.id;
		ConversationStore store = builder.store;
		this.transcript = (store != null)
				? new Transcript(Math.min(builder.maxItems, store.maxItems()), Math.min(builder.maxBytes, store.maxBytes()))
				: new Transcript(builder.maxItems, builder.maxBytes);
		this.session.expectChains();
		if (builder.restored != null) {
			this.lastResponseId = this.transcript.restore(builder.restored);
			this.chainFingerprint = (this.lastResponseId != null) ? fingerprint(this.settings, List.of()) : null;
			this.lastStored = Boolean.TRUE.equals(this.settings.store());
		}
	}

	/**
	 * Create a builder.
	 * @param session the session the turns run on
	 * @return a builder
	 */
	public static Builder builder(ResponsesSession session) {
		return new Builder(session);
	}

	/**
	 * Run a turn with new input items.
	 * @param items the new items, for example a user message or function call outputs
	 * @return the turn's events
	 */
	public Flux<ResponseEvent> send(InputItem... items) {
		return send(List.of(items), List.of());
	}

	/**
	 * Run a turn with new input items and extra tools for this turn.
	 * @param items the new items
	 * @param tools tools added to the conversation's for this turn (a different set of tools
	 * than the previous turn's starts a new chain)
	 * @return the turn's events
	 */
	public Flux<ResponseEvent> send(List<? extends InputItem> items, List<? extends Tool> tools) {
		List<InputItem> input = List.copyOf(items);
		List<Tool> extraTools = List.copyOf(tools);
		return Flux.defer(() -> {
			List<byte[]> encoded = start(input);
			Sending sending = new Sending();
			return synced(encoded).thenMany(Flux.defer(() -> attempt(input, encoded, extraTools, false, sending)))
				.concatWith(Mono.defer(() -> completed(encoded, sending.response, sending.fingerprint, sending.stored))
					.then(Mono.empty()))
				.doOnComplete(() -> sent(sending))
				.doOnTerminate(this::finish)
				.doOnCancel(this::finish)
				.contextWrite((context) -> SentBytes.into(context, sending.bytes::addAndGet));
		});
	}

	/**
	 * Run a turn and return its final response.
	 * @param items the new items
	 * @return the completed or incomplete response
	 */
	public Mono<Response> execute(InputItem... items) {
		return send(items).ofType(ResponseTerminalEvent.class).last().flatMap((terminal) -> {
			if (terminal instanceof ResponseFailedEvent failed) {
				return Mono.error(new ResponseFailedException(failed.response()));
			}
			return Mono.just(terminal.response());
		});
	}

	/**
	 * Run an agent: a model turn with the user's input, then the function calls the model asks
	 * for (the calls of one turn concurrently, off the event loop, each within the tool timeout),
	 * their outputs in the next turn, and so on until the model answers without calling a tool or
	 * the step limit is reached. A tool that throws, times out, is unknown or gets arguments that
	 * are not JSON produces an error output for the model. A model turn that fails on the way
	 * (connection lost, timeout, 429 or 5xx) runs again, up to the retry limit.
	 * @param userInput the user's message
	 * @param tools the tools the model may call
	 * @param options the limits
	 * @return every step's events and markers, ending with {@link AgentEvent.Finished}
	 */
	public Flux<AgentEvent> run(String userInput, List<AgentTool> tools, AgentOptions options) {
		return run(List.of(dev.responsesws.client.request.InputMessage.user(userInput)), tools, options);
	}

	/**
	 * Run an agent from any input items.
	 * @param input the first turn's new items
	 * @param tools the tools the model may call
	 * @param options the limits
	 * @return every step's events and markers, ending with {@link AgentEvent.Finished}
	 * @see #run(String, List, AgentOptions)
	 */
	public Flux<AgentEvent> run(List<? extends InputItem> input, List<AgentTool> tools, AgentOptions options) {
		List<InputItem> first = List.copyOf(input);
		return Flux.defer(() -> new AgentLoop(this, tools, options).run(first));
	}

	/**
	 * Run an agent and return only its outcome.
	 * @param userInput the user's message
	 * @param tools the tools the model may call
	 * @param options the limits
	 * @return the outcome: the answer, the steps, the usage summed over turns
	 */
	public Mono<AgentResult> runForResult(String userInput, List<AgentTool> tools, AgentOptions options) {
		return run(userInput, tools, options).ofType(AgentEvent.Finished.class).last().map(AgentEvent.Finished::result);
	}

	/**
	 * Send a user message and wait for the text of the answer, for code that does not use
	 * Reactor: Spring MVC controllers, plain threads, virtual threads.
	 * @param userMessage the user's message
	 * @param timeout the longest wait for the turn to end; when it passes, the turn is cancelled
	 * (the session's {@link dev.responsesws.client.session.CancelPolicy} applies) and the
	 * chain is lost, so the next turn replays the transcript
	 * @return the text of the answer ({@link Response#outputText()})
	 * @throws dev.responsesws.client.error.ResponsesTimeoutException if the turn did not end
	 * within the timeout
	 * @throws IllegalStateException when called on a Reactor non-blocking thread (an event loop,
	 * a parallel scheduler), where nothing may block, or while another turn of this conversation
	 * runs
	 * @throws dev.responsesws.client.error.ResponsesException for every other failure, as
	 * {@link #execute(InputItem...)} signals it
	 */
	public String ask(String userMessage, Duration timeout) {
		return BlockingCalls.await(execute(InputMessage.user(userMessage)), timeout, "Conversation.ask").outputText();
	}

	/**
	 * Run a turn and wait for its final response, for code that does not use Reactor.
	 * @param timeout the longest wait for the turn to end, after which it is cancelled
	 * @param items the new items
	 * @return the completed or incomplete response
	 * @throws dev.responsesws.client.error.ResponsesTimeoutException if the turn did not end
	 * within the timeout
	 * @throws IllegalStateException when called on a Reactor non-blocking thread, or while
	 * another turn of this conversation runs
	 * @throws dev.responsesws.client.error.ResponsesException for every other failure, including
	 * {@link ResponseFailedException} for a failed response
	 * @see #ask(String, Duration)
	 */
	public Response call(Duration timeout, InputItem... items) {
		return BlockingCalls.await(execute(items), timeout, "Conversation.call");
	}

	/**
	 * Run a turn and iterate its events as they arrive, for code that does not use Reactor, for
	 * example to write text deltas to a Spring MVC {@code SseEmitter}. The turn starts when the
	 * stream is first read; each event is read from the socket only when the caller pulls it.
	 * Close the stream (try-with-resources) to abandon the turn early.
	 * @param timeout the longest time from the first read to the turn's end, after which the
	 * turn is cancelled and reading fails
	 * @param items the new items
	 * @return the events
	 * @throws IllegalStateException when called on a Reactor non-blocking thread
	 * @throws dev.responsesws.client.error.ResponsesTimeoutException while iterating, when the
	 * timeout passed
	 * @throws dev.responsesws.client.error.ResponsesException while iterating, for every other
	 * failure
	 */
	public Stream<ResponseEvent> stream(Duration timeout, InputItem... items) {
		return BlockingCalls.stream(send(items), timeout, "Conversation.stream");
	}

	/**
	 * Run an agent and wait for its outcome, for code that does not use Reactor; the tools run
	 * off the caller's thread as with {@link #run(String, List, AgentOptions)}.
	 * @param userInput the user's message
	 * @param tools the tools the model may call
	 * @param options the limits
	 * @param timeout the longest wait for the whole run, every step and tool call included,
	 * after which it is cancelled
	 * @return the outcome: the answer, the steps, the usage summed over turns
	 * @throws dev.responsesws.client.error.ResponsesTimeoutException if the run did not end
	 * within the timeout
	 * @throws IllegalStateException when called on a Reactor non-blocking thread, or while
	 * another turn of this conversation runs
	 * @throws dev.responsesws.client.error.ResponsesException for every other failure
	 */
	public AgentResult runBlocking(String userInput, List<AgentTool> tools, AgentOptions options, Duration timeout) {
		return BlockingCalls.await(runForResult(userInput, tools, options), timeout, "Conversation.runBlocking");
	}

	/**
	 * Warm up: send the settings (instructions, tools) and the given initial items with
	 * {@code generate:false}, so the server prepares them without producing output; the first
	 * real turn chains from the result and sends only its new items.
	 *
	 * <p>A warm-up needs WebSocket mode: on a session that uses HTTP, configured so or after a
	 * fallback (the warm-up's own connect included), it fails with
	 * {@link WarmupUnavailableException}, no request reaches the model, and the transcript and
	 * {@link #lastResponseId()} are left as they were; send the initial items with the first turn
	 * instead.
	 * @param initial items to prepare along, for example a long document
	 * @return the id of the prepared response
	 */
	public Mono<String> warmup(InputItem... initial) {
		List<InputItem> input = List.of(initial);
		return Mono.defer(() -> {
			if (this.session.transport() == TransportMode.HTTP) {
				return Mono.error(new WarmupUnavailableException());
			}
			List<byte[]> encoded = start(input);
			return synced(encoded).then(Mono.defer(() -> {
				CreateResponse request;
				String fingerprint;
				synchronized (this) {
					request = request(fullInput(input), null, List.of()).toBuilder().generate(false).build();
					fingerprint = fingerprint(List.of());
				}
				boolean stored = Boolean.TRUE.equals(request.store());
				return this.session.execute(request)
					.flatMap((response) -> completed(encoded, response, fingerprint, stored).thenReturn(response.id()));
			})).doOnTerminate(this::finish).doOnCancel(this::finish);
		});
	}

	/**
	 * Replace the settings (model, instructions, tools, store and other fields of the template;
	 * its input and {@code previous_response_id} are ignored). The next turn sends the full input.
	 * @param settings the new settings
	 */
	public synchronized void settings(CreateResponse settings) {
		this.settings = Objects.requireNonNull(settings);
	}

	/**
	 * Return the settings every turn starts from.
	 * @return the settings
	 */
	public synchronized CreateResponse settings() {
		return this.settings;
	}

	/**
	 * Return the transcript: every input item sent and every output item received, in order.
	 * @return a copy of the items
	 */
	public synchronized List<JsonNode> transcript() {
		return this.transcript.items();
	}

	/**
	 * Export the transcript as JSON, to continue the conversation later, in another process or
	 * on another session ({@link Builder#restore(String)}). It holds the conversation's items and
	 * last response id; no credentials.
	 * @return the JSON text
	 */
	public synchronized String exportTranscript() {
		return this.transcript.export(this.lastResponseId);
	}

	/**
	 * Return the id under which the conversation is stored.
	 * @return the id, or {@code null} when the conversation has no store
	 * @see Builder#store(ConversationStore, String)
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Return the version of the stored conversation this one last read or wrote: how many turns
	 * the store holds.
	 * @return the version; -1 before the first turn, and always for a conversation without a
	 * store
	 */
	public synchronized long version() {
		return this.version;
	}

	/**
	 * Return the id of the last response of the chain.
	 * @return the id, or {@code null} before the first turn or after a loss
	 */
	public synchronized @Nullable String lastResponseId() {
		return this.lastResponseId;
	}

	/**
	 * Return how many times the chain was lost and rebuilt from the transcript.
	 * @return the count
	 */
	public long replays() {
		return this.replays.get();
	}

	/**
	 * Return what the last completed turn sent: whether it continued the chain, and the bytes of
	 * its requests.
	 * @return what it sent, or {@code null} before the first turn completed
	 */
	public synchronized @Nullable SentTurn lastSent() {
		return this.lastSent;
	}

	private synchronized void sent(Sending sending) {
		this.lastSent = new SentTurn(sending.chained, sending.bytes.get());
	}

	/**
	 * Return how many turns completed.
	 * @return the count
	 */
	public long turns() {
		return this.turns.get();
	}

	/**
	 * Start a turn.
	 * @return the input items encoded for the transcript
	 */
	private synchronized List<byte[]> start(List<InputItem> input) {
		if (this.busy) {
			throw new IllegalStateException("A turn of this conversation is already running; wait for it to end");
		}
		List<byte[]> encoded = Transcript.encode(trees(input));
		this.transcript.checkRoom(encoded);
		this.busy = true;
		return encoded;
	}

	/** Runs before the turn's end reaches the caller, so the caller's next turn may start at once. */
	private synchronized void finish() {
		this.busy = false;
	}

	private Flux<ResponseEvent> attempt(List<InputItem> input, List<byte[]> encoded, List<Tool> tools,
			boolean afterLoss, Sending sending) {
		CreateResponse request;
		String fingerprint;
		boolean chained;
		synchronized (this) {
			fingerprint = fingerprint(tools);
			String previous = this.lastResponseId;
			boolean sameSettings = fingerprint.equals(this.chainFingerprint);
			chained = previous != null && sameSettings && (this.session.holdsResponse(previous) || this.lastStored);
			if ((previous != null && !chained && sameSettings) || (this.chainBroken && !chained)) {
				this.replays.incrementAndGet();
			}
			if (!afterLoss) {
				// a loss found by the server was counted by the session when it refused the turn
				countMiss(previous, chained, sameSettings);
			}
			this.chainBroken = false;
			if (!chained) {
				this.lastResponseId = null;
			}
			request = chained ? request(input, previous, tools) : request(fullInput(input), null, tools);
		}
		sending.chained = chained;
		boolean stored = Boolean.TRUE.equals(request.store());
		boolean[] delivered = new boolean[1];
		Response[] terminal = new Response[1];
		return this.session.create(request).doOnNext((event) -> {
			delivered[0] = true;
			if (event instanceof ResponseTerminalEvent end) {
				terminal[0] = end.response();
			}
		}).doOnComplete(() -> {
			Response response = terminal[0];
			if (response != null && !"failed".equals(response.status())) {
				sending.response = response;
				sending.fingerprint = fingerprint;
				sending.stored = stored;
			}
			else {
				chainLost();
			}
		}).onErrorResume(ResponsesApiException.class, (error) -> {
			if (chained && !afterLoss && !delivered[0] && ApiError.PREVIOUS_RESPONSE_NOT_FOUND.equals(error.code())) {
				chainLost();
				return attempt(input, encoded, tools, true, sending);
			}
			return Flux.error(error);
		});
	}

	/** Count a turn of the chain that sends the transcript again in the session's chain metrics. */
	private void countMiss(@Nullable String previous, boolean chained, boolean sameSettings) {
		if (chained) {
			return;
		}
		if (previous != null) {
			if (sameSettings && heldByOtherInstance()) {
				this.session.replayingChain(ChainMissReason.OTHER_INSTANCE);
			}
			else if (sameSettings) {
				this.session.replayingChain(previous);
			}
			else {
				this.session.replayingChain(ChainMissReason.SETTINGS_CHANGED);
			}
		}
		else if (this.chainBroken) {
			// the previous turn failed, which evicts the response it continued
			this.session.replayingChain(ChainMissReason.NOT_FOUND);
		}
	}

	/** Whether the store says another instance's connection produced the last response. */
	private boolean heldByOtherInstance() {
		return this.store != null && this.lastInstanceId != null && !this.lastInstanceId.equals(this.session.instanceId());
	}

	/** What a running turn sent so far, and the response it completed with. */
	private static final class Sending {

		final AtomicLong bytes = new AtomicLong();

		volatile boolean chained;

		volatile @Nullable Response response;

		volatile String fingerprint = "";

		volatile boolean stored;

	}

	/**
	 * Read the stored conversation before a turn, when there is a store, and mirror it when
	 * another instance changed it since this one last did. Nothing is sent to the model before
	 * this completes.
	 */
	private Mono<Void> synced(List<byte[]> encoded) {
		ConversationStore store = this.store;
		String id = this.id;
		if (store == null || id == null) {
			return Mono.empty();
		}
		return StoreCalls.guarded(store, id, "read", () -> store.state(id))
			.defaultIfEmpty(ConversationState.EMPTY)
			.flatMap((state) -> {
				if (state.version() == version()) {
					return Mono.<Void>empty();
				}
				StoredConversation empty = new StoredConversation(ConversationState.EMPTY, TranscriptFormat.of(List.of()));
				if (state.version() == 0) {
					mirror(empty);
					return Mono.<Void>empty();
				}
				return StoreCalls.guarded(store, id, "load", () -> store.load(id))
					.defaultIfEmpty(empty)
					.doOnNext(this::mirror)
					.then();
			})
			.then(Mono.fromRunnable(() -> checkRoom(encoded)));
	}

	/** Take the stored conversation as this one's state. */
	private synchronized void mirror(StoredConversation stored) {
		ConversationState state = stored.state();
		this.transcript.replaceWith(stored.transcript());
		this.version = state.version();
		this.lastResponseId = state.lastResponseId();
		this.lastStored = state.stored();
		this.lastInstanceId = state.instanceId();
		this.chainFingerprint = (this.lastResponseId != null) ? fingerprint(this.settings, List.of()) : null;
		this.chainBroken = false;
	}

	private synchronized void checkRoom(List<byte[]> encoded) {
		this.transcript.checkRoom(encoded);
	}

	/**
	 * Keep a completed turn: append it to the store first when there is one, then to this
	 * conversation.
	 * @param response the response the turn completed with; {@code null} when it failed, and
	 * nothing is kept
	 */
	private Mono<Void> completed(List<byte[]> input, @Nullable Response response, String fingerprint, boolean stored) {
		if (response == null) {
			return Mono.empty();
		}
		List<byte[]> items = new ArrayList<>(input.size() + response.output().size());
		items.addAll(input);
		for (OutputItem item : response.output()) {
			items.add(item.raw().toUtf8());
		}
		ConversationStore store = this.store;
		String id = this.id;
		if (store == null || id == null) {
			commit(items, response, fingerprint, stored, null);
			return Mono.empty();
		}
		List<String> texts = new ArrayList<>(items.size());
		for (byte[] item : items) {
			texts.add(new String(item, StandardCharsets.UTF_8));
		}
		CompletedTurn turn = new CompletedTurn(texts, response.id(), stored, this.session.instanceId());
		long expected = version();
		return StoreCalls.guarded(store, id, "append a turn to", () -> store.append(id, expected, turn))
			.doOnNext((state) -> commit(items, response, fingerprint, stored, state))
			.then();
	}

	private synchronized void chainLost() {
		if (this.lastResponseId != null) {
			this.chainBroken = true;
		}
		this.lastResponseId = null;
	}

	private synchronized void commit(List<byte[]> items, Response response, String fingerprint, boolean stored,
			@Nullable ConversationState state) {
		this.transcript.addAll(items);
		this.lastResponseId = response.id();
		this.chainFingerprint = fingerprint;
		this.lastStored = stored;
		if (state != null) {
			this.version = state.version();
			this.lastInstanceId = state.instanceId();
		}
		this.turns.incrementAndGet();
	}

	private synchronized List<InputItem> fullInput(List<InputItem> input) {
		List<InputItem> all = new ArrayList<>(this.transcript.size() + input.size());
		for (JsonNode item : this.transcript.items()) {
			all.add(InputItem.fromTree(withoutStatus(item)));
		}
		all.addAll(input);
		return all;
	}

	/**
	 * Output items are replayed as input; their {@code status} is output-only, and servers
	 * may refuse it there. The trees are the transcript's new copies, so they may be changed.
	 */
	private static JsonNode withoutStatus(JsonNode item) {
		if (item instanceof ObjectNode object) {
			object.remove("status");
		}
		return item;
	}

	private CreateResponse request(List<InputItem> input, @Nullable String previous, List<Tool> tools) {
		return this.settings.toBuilder()
			.input(input)
			.addTools(tools)
			.previousResponseId(previous)
			.extra("generate", null)
			.build();
	}

	/**
	 * Return what identifies the settings and extra tools of a chain, computed again only when
	 * they change.
	 */
	private synchronized String fingerprint(List<Tool> tools) {
		String cached = this.fingerprint;
		if (cached != null && this.fingerprintedSettings == this.settings && this.fingerprintedTools.equals(tools)) {
			return cached;
		}
		String fingerprint = fingerprint(this.settings, tools);
		this.fingerprint = fingerprint;
		this.fingerprintedSettings = this.settings;
		this.fingerprintedTools = tools;
		return fingerprint;
	}

	private static String fingerprint(CreateResponse settings, List<Tool> tools) {
		ObjectNode json = CODEC.toTree(settings.toBuilder()
			.input(List.of())
			.addTools(tools)
			.previousResponseId(null)
			.extra("generate", null)
			.extra("stream_id", null)
			.build());
		return json.toString();
	}

	private static List<JsonNode> trees(List<InputItem> input) {
		List<JsonNode> items = new ArrayList<>(input.size());
		for (InputItem item : input) {
			items.add(item.tree());
		}
		return items;
	}

	/**
	 * Builds a {@link Conversation}.
	 */
	public static final class Builder {

		private final ResponsesSession session;

		private CreateResponse settings = CreateResponse.builder().build();

		private int maxItems = 10_000;

		private long maxBytes = 32L * 1024 * 1024;

		private @Nullable String restored;

		private @Nullable ConversationStore store;

		private @Nullable String id;

		private Builder(ResponsesSession session) {
			this.session = Objects.requireNonNull(session);
		}

		/**
		 * Set the settings every turn starts from: model, instructions, tools, store, and any
		 * other field (input and {@code previous_response_id} are managed by the conversation).
		 * @param settings the template request
		 * @return this builder
		 */
		public Builder settings(CreateResponse settings) {
			this.settings = Objects.requireNonNull(settings);
			return this;
		}

		/**
		 * Limit the transcript. Defaults: 10,000 items and 32 MiB of JSON.
		 * @param maxItems the most items
		 * @param maxBytes the largest size
		 * @return this builder
		 */
		public Builder transcriptLimit(int maxItems, long maxBytes) {
			if (maxItems < 1 || maxBytes < 1) {
				throw new IllegalArgumentException("The transcript limits must be positive");
			}
			this.maxItems = maxItems;
			this.maxBytes = maxBytes;
			return this;
		}

		/**
		 * Continue a conversation exported with {@link Conversation#exportTranscript()}. Its
		 * chain is continued if this session still holds its last response; otherwise the first
		 * turn replays the transcript.
		 * @param exportedTranscript the exported JSON
		 * @return this builder
		 */
		public Builder restore(String exportedTranscript) {
			this.restored = Objects.requireNonNull(exportedTranscript);
			return this;
		}

		/**
		 * Keep the conversation in a store under the given id, so that any session sharing the
		 * store, on this instance or another, continues it: a new id starts a conversation, a
		 * known one continues it from its stored transcript and chain. The transcript limits
		 * become the lower of this builder's and the store's. See {@link ConversationStore} for
		 * the order of a turn's reads, request and append.
		 * @param store the store
		 * @param conversationId the conversation's id in the store
		 * @return this builder
		 */
		public Builder store(ConversationStore store, String conversationId) {
			if (conversationId.isBlank()) {
				throw new IllegalArgumentException("The conversation id must not be blank");
			}
			this.store = Objects.requireNonNull(store);
			this.id = conversationId;
			return this;
		}

		/**
		 * Build the conversation.
		 * @return the conversation
		 * @throws dev.responsesws.client.error.ProtocolDecodingException if the restored
		 * transcript is not valid
		 * @throws IllegalStateException if both a store and an exported transcript were given:
		 * a stored conversation's transcript is the store's
		 */
		public Conversation build() {
			if (this.store != null && this.restored != null) {
				throw new IllegalStateException("A stored conversation continues from its store; restore(...) and "
						+ "store(...) cannot be combined");
			}
			return new Conversation(this);
		}

	}

}
