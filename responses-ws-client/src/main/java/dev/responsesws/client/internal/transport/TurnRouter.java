package dev.responsesws.client.internal.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Reads a connection's frames on demand and hands each event to the turn it belongs to.
 *
 * <p>Events of one lane (the default lane, or one {@code stream_id}) belong to the oldest
 * running turn of that lane, because the server answers a lane's requests in order. The router
 * asks for the next frame only when it can deliver it: when the turn at the head of some lane has
 * demand, a cancelled turn is being drained, or nothing runs (so closes and stray frames are
 * noticed). A frame whose turn has no demand is held, alone, and the {@link ReadGate} keeps the
 * socket unread until that turn asks, so TCP pushes back on the server. A slow subscriber costs
 * the one decoded event held for it, plus what the socket read under way when the gate shut
 * brought in (frames queued in Reactor Netty, or the start of the next frame in the aggregator).
 *
 * <p>An {@code error} without a lane id (or with one that no running lane has) belongs to the
 * oldest turn whose request the server has not answered yet (no {@code response.created}, nor
 * any other event, so far), whatever its lane: servers handle requests in order and answer one
 * they refuse before running it without the lane id. That turn alone fails, and it leaves its
 * lane at once, so the lane's later turns and every other turn go on. When no turn waits for its
 * answer, an error without a lane id goes to the running turn of the default lane, and failing
 * that it concerns the whole connection: every running turn fails with it. Other events without
 * a lane id while the default lane runs nothing come from a server that ignores
 * {@code stream_id} and runs every request in turn on its default lane: they belong to the lane
 * turn it is answering, the oldest one not answered yet when it starts the next.
 *
 * <p>Every method runs on the connection's event loop; the router is not thread-safe on its own.
 */
final class TurnRouter implements CoreSubscriber<WebSocketFrame> {

	private static final String DEFAULT_LANE = "";

	private final EventLoop loop;

	private final EventDecoder decoder = new EventDecoder();

	private final Duration idleTimeout;

	private final Listener listener;

	private final int maxFrameSize;

	private final @Nullable ReadGate gate;

	private final Map<String, ArrayDeque<Turn>> lanes = new LinkedHashMap<>();

	/** The turns not answered yet, in the order their requests were written. */
	private final ArrayDeque<Turn> awaitingAnswer = new ArrayDeque<>();

	/** The lane turn a server that ignores {@code stream_id} is answering without it. */
	private @Nullable Turn answeredWithoutLane;

	private @Nullable Subscription upstream;

	private boolean frameRequested;

	private boolean pumping;

	private boolean pumpAgain;

	private @Nullable Function<Turn, ResponsesException> closedError;

	private @Nullable ScheduledFuture<?> idleCheck;

	private volatile long framesHeld;

	TurnRouter(EventLoop loop, @Nullable ReadGate gate, Duration idleTimeout, int maxFrameSize, Listener listener) {
		this.loop = loop;
		this.gate = gate;
		this.idleTimeout = idleTimeout;
		this.maxFrameSize = maxFrameSize;
		this.listener = listener;
	}

	void execute(Runnable task) {
		EventLoopTasks.runOn(this.loop, task);
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		execute(() -> {
			this.upstream = subscription;
			this.idleCheck = EventLoopTasks.scheduleIdleChecks(this.loop, this.idleTimeout, this::checkIdle);
			pump();
		});
	}

	/** Add a turn whose request is about to be written. */
	void register(Turn turn) {
		Function<Turn, ResponsesException> closed = this.closedError;
		if (closed != null) {
			fail(turn, closed.apply(turn));
			return;
		}
		ArrayDeque<Turn> queue = this.lanes.computeIfAbsent(turn.lane, (lane) -> new ArrayDeque<>());
		queue.add(turn);
		turn.awaitingAnswer = true;
		this.awaitingAnswer.add(turn);
		if (queue.peek() == turn) {
			turn.lastProgressNanos = System.nanoTime();
		}
		pump();
	}

	/** The number of turns registered and not yet finished, drained ones included. */
	int activeTurns() {
		int count = 0;
		for (ArrayDeque<Turn> queue : this.lanes.values()) {
			count += queue.size();
		}
		return count;
	}

	/** How many frames arrived before their turn asked for them (each then held until it did). */
	long framesHeld() {
		return this.framesHeld;
	}

	void cancel(Turn turn) {
		if (turn.done || turn.cancelled) {
			return;
		}
		turn.cancelled = true;
		turn.discarding = true;
		turn.waiting = null;
		this.listener.turnCancelled(turn);
		pump();
	}

	@Override
	public void onNext(WebSocketFrame frame) {
		this.frameRequested = false;
		if (this.gate != null) {
			this.gate.shut();
		}
		int size = frame.content().readableBytes();
		this.listener.frameReceived(size);
		if (size > this.maxFrameSize) {
			// with compression the limit of the frame decoder applies to the compressed size only
			this.listener.frameTooLarge(size);
			return;
		}
		if (frame instanceof TextWebSocketFrame) {
			route(decode(frame.content()));
		}
		else {
			protocolError(new ProtocolDecodingException("The server sent a binary frame; the protocol uses text only",
					null, null));
		}
		pump();
	}

	private @Nullable ResponseEvent decode(ByteBuf content) {
		try {
			if (content.hasArray()) {
				return this.decoder.decode(content.array(), content.arrayOffset() + content.readerIndex(),
						content.readableBytes());
			}
			byte[] bytes = ByteBufUtil.getBytes(content);
			return this.decoder.decode(bytes, 0, bytes.length);
		}
		catch (ProtocolDecodingException ex) {
			protocolError(ex);
			return null;
		}
	}

	/**
	 * A frame that cannot be attributed to a turn (one that cannot be decoded, or an error no
	 * turn waits for) concerns the connection: every running turn fails with the error and goes
	 * on discarding its response, so the connection stays usable for the next turns.
	 */
	private void protocolError(ResponsesException error) {
		this.listener.protocolError(error);
		for (ArrayDeque<Turn> queue : this.lanes.values()) {
			for (Turn turn : queue) {
				failAndDiscard(turn, error);
			}
		}
	}

	/**
	 * Hand an event to the running turn of its lane. An error without a lane id, or with one no
	 * lane has, goes to the oldest turn not answered yet. Failing that, one without a lane id goes
	 * to the running turn of the default lane, or else to every turn; one with an unknown lane id
	 * is dropped, like any event of a lane nothing runs on. Another event without a lane id while
	 * the default lane runs nothing goes to the lane turn a server that ignores lanes answers.
	 */
	private void route(@Nullable ResponseEvent event) {
		if (event == null) {
			return;
		}
		String lane = (event.streamId() != null) ? event.streamId() : DEFAULT_LANE;
		ArrayDeque<Turn> queue = this.lanes.get(lane);
		Turn turn = (queue != null) ? queue.peek() : null;
		if (event instanceof ErrorEvent error && (event.streamId() == null || turn == null)) {
			Turn refused = this.awaitingAnswer.peek();
			if (refused != null) {
				refuse(refused, error);
				return;
			}
			if (turn == null) {
				if (event.streamId() == null && activeTurns() > 0) {
					protocolError(new ResponsesApiException(error.status(), error.error()));
				}
				return;
			}
		}
		if (turn == null && event.streamId() == null) {
			turn = answeredWithoutLane();
		}
		if (turn == null) {
			return;
		}
		received(turn, event);
		if (turn.discarding) {
			if (event.isTerminal()) {
				finish(turn);
			}
			return;
		}
		turn.waiting = event;
		if (turn.requested == 0) {
			this.framesHeld = this.framesHeld + 1;
		}
	}

	/**
	 * Return the lane turn an event without a lane id belongs to when the default lane runs
	 * nothing: a server that ignores {@code stream_id} runs the requests one after the other in
	 * the order they came, on its default lane, so its events belong to the turn it answers, or
	 * else to the oldest turn not answered yet.
	 */
	private @Nullable Turn answeredWithoutLane() {
		Turn current = this.answeredWithoutLane;
		if (current == null || current.done) {
			current = this.awaitingAnswer.peek();
			this.answeredWithoutLane = current;
		}
		return current;
	}

	private void received(Turn turn, ResponseEvent event) {
		turn.eventsReceived++;
		turn.lastEventType = event.type();
		turn.lastProgressNanos = System.nanoTime();
		answered(turn);
		this.listener.eventReceived(turn, event);
	}

	private void answered(Turn turn) {
		if (turn.awaitingAnswer) {
			turn.awaitingAnswer = false;
			this.awaitingAnswer.remove(turn);
		}
	}

	/**
	 * Fail a turn the server refused before running it, wherever it waits in its lane, and take
	 * it out of the lane: nothing of its response will come.
	 */
	private void refuse(Turn turn, ErrorEvent error) {
		received(turn, error);
		boolean notify = !turn.discarding;
		turn.waiting = null;
		finish(turn);
		if (notify) {
			turn.actual.onError(new ResponsesApiException(error.status(), error.error()));
		}
	}

	/** Deliver what can be delivered, then read the next frame if someone can take it. */
	void pump() {
		if (this.pumping) {
			this.pumpAgain = true;
			return;
		}
		this.pumping = true;
		try {
			do {
				this.pumpAgain = false;
				boolean held = deliver();
				Subscription subscription = this.upstream;
				if (!held && !this.frameRequested && subscription != null && this.closedError == null
						&& shouldRead()) {
					this.frameRequested = true;
					if (this.gate != null) {
						this.gate.requestOne(subscription, () -> !this.frameRequested);
					}
					else {
						subscription.request(1);
					}
				}
			}
			while (this.pumpAgain);
		}
		finally {
			this.pumping = false;
		}
	}

	/** @return whether an event is still held for a turn without demand */
	private boolean deliver() {
		if (this.lanes.isEmpty()) {
			return false;
		}
		if (this.lanes.size() == 1) {
			// the common case, without copying: nothing iterates the lanes after the callbacks
			return deliver(this.lanes.values().iterator().next());
		}
		boolean held = false;
		// a copy: the callbacks may start and finish turns, adding and removing lanes
		for (ArrayDeque<Turn> queue : new ArrayList<>(this.lanes.values())) {
			held |= deliver(queue);
		}
		return held;
	}

	/** Deliver the waiting event of a lane's running turn, if it has demand. */
	private boolean deliver(ArrayDeque<Turn> queue) {
		Turn turn = queue.peek();
		if (turn == null || turn.waiting == null) {
			return false;
		}
		ResponseEvent event = turn.waiting;
		if (turn.requested == 0 && !(event instanceof ErrorEvent)) {
			return true;
		}
		turn.waiting = null;
		if (event instanceof ErrorEvent error) {
			finish(turn);
			turn.actual.onError(new ResponsesApiException(error.status(), error.error()));
			return false;
		}
		if (turn.requested != Long.MAX_VALUE) {
			turn.requested--;
		}
		turn.actual.onNext(event);
		if (event.isTerminal() && !turn.done) {
			finish(turn);
			turn.actual.onComplete();
		}
		return false;
	}

	private boolean shouldRead() {
		boolean anyTurn = false;
		for (ArrayDeque<Turn> queue : this.lanes.values()) {
			Turn head = queue.peek();
			if (head != null) {
				anyTurn = true;
				if (head.wantsEvents()) {
					return true;
				}
			}
		}
		return !anyTurn;
	}

	private void finish(Turn turn) {
		turn.done = true;
		answered(turn);
		ArrayDeque<Turn> queue = this.lanes.get(turn.lane);
		if (queue != null) {
			queue.remove(turn);
			Turn next = queue.peek();
			if (next != null) {
				next.lastProgressNanos = System.nanoTime();
			}
			else {
				this.lanes.remove(turn.lane);
			}
		}
		this.listener.turnFinished(turn);
	}

	private void failAndDiscard(Turn turn, ResponsesException error) {
		if (turn.discarding || turn.done) {
			return;
		}
		turn.discarding = true;
		turn.waiting = null;
		turn.actual.onError(error);
	}

	private void fail(Turn turn, ResponsesException error) {
		if (turn.done) {
			return;
		}
		boolean notify = !turn.discarding;
		turn.done = true;
		turn.waiting = null;
		if (notify) {
			turn.actual.onError(error);
		}
	}

	private void checkIdle() {
		long now = System.nanoTime();
		for (ArrayDeque<Turn> queue : new ArrayList<>(this.lanes.values())) {
			Turn head = queue.peek();
			if (head != null && head.wantsEvents() && head.waiting == null
					&& now - head.lastProgressNanos >= this.idleTimeout.toNanos()) {
				ResponsesTimeoutException timeout = new ResponsesTimeoutException(
						"No event for the turn (" + head.eventsReceived + " received so far)", this.idleTimeout);
				failAndDiscard(head, timeout);
				this.listener.idleTimeout(timeout);
				return;
			}
		}
	}

	/**
	 * The connection is gone: fail every running turn.
	 * @param error makes the error of each turn from what it had received
	 */
	void closed(Function<Turn, ResponsesException> error) {
		execute(() -> {
			if (this.closedError != null) {
				return;
			}
			this.closedError = error;
			ScheduledFuture<?> check = this.idleCheck;
			if (check != null) {
				check.cancel(false);
			}
			List<Turn> turns = new ArrayList<>();
			this.lanes.values().forEach(turns::addAll);
			this.lanes.clear();
			this.awaitingAnswer.clear();
			for (Turn turn : turns) {
				fail(turn, error.apply(turn));
				this.listener.turnFinished(turn);
			}
		});
	}

	@Override
	public void onError(Throwable error) {
		this.listener.inboundClosed(error);
	}

	@Override
	public void onComplete() {
		this.listener.inboundClosed(null);
	}

	/**
	 * What the connection learns from the router.
	 */
	interface Listener {

		void eventReceived(Turn turn, ResponseEvent event);

		void frameReceived(int bytes);

		void frameTooLarge(int bytes);

		void turnFinished(Turn turn);

		void turnCancelled(Turn turn);

		void protocolError(ResponsesException error);

		void idleTimeout(ResponsesTimeoutException timeout);

		void inboundClosed(@Nullable Throwable error);

	}

}
