package dev.responsesws.client.session;

import java.util.function.Supplier;

import dev.responsesws.client.error.SessionClosedException;
import dev.responsesws.client.event.ResponseEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Counts the turns running over HTTP, which no pooled connection tracks, so that closing the
 * session can wait for them without polling: once {@link #close()} is subscribed no turn starts,
 * and the {@code Mono} it returns completes when the last running one has ended. Thread-safe.
 */
final class HttpTurns {

	private final Sinks.Empty<Void> ended = Sinks.empty();

	private int running;

	private boolean closing;

	/**
	 * Run a turn, counted from its subscription until its end has reached the subscriber (or
	 * it was cancelled), so that once closing completes the end of every turn was delivered.
	 * @param turn supplies the turn's events; not called when the turn is refused
	 * @return the turn's events, or a {@link SessionClosedException} when closing has begun
	 * before the turn was subscribed
	 */
	Flux<ResponseEvent> run(Supplier<Flux<ResponseEvent>> turn) {
		return Flux.using(this::start,
				(started) -> started ? turn.get()
						: Flux.error(new SessionClosedException("The session closed before the turn started")),
				(started) -> {
					if (started) {
						end();
					}
				}, false);
	}

	private synchronized boolean start() {
		if (this.closing) {
			return false;
		}
		this.running++;
		return true;
	}

	private void end() {
		boolean last;
		synchronized (this) {
			this.running--;
			last = this.closing && this.running == 0;
		}
		if (last) {
			this.ended.tryEmitEmpty();
		}
	}

	/**
	 * Return the turns running now.
	 * @return the count
	 */
	synchronized int running() {
		return this.running;
	}

	/**
	 * Refuse new turns and wait for the running ones. Nothing happens until the {@code Mono} is
	 * subscribed.
	 * @return a {@code Mono} that completes when no turn runs any more
	 */
	Mono<Void> close() {
		return Mono.defer(() -> {
			boolean none;
			synchronized (this) {
				this.closing = true;
				none = this.running == 0;
			}
			if (none) {
				this.ended.tryEmitEmpty();
			}
			return this.ended.asMono();
		});
	}

}
