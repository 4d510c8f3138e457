package dev.responsesws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.ChainMissReason;
import dev.responsesws.client.session.SessionObserver;
import dev.responsesws.client.session.TransportMode;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Tells several {@link SessionObserver} beans what the session does.
 */
final class CompositeSessionObserver implements SessionObserver {

	private final List<SessionObserver> observers;

	private CompositeSessionObserver(List<SessionObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	static SessionObserver of(List<SessionObserver> observers) {
		if (observers.isEmpty()) {
			return SessionObserver.NONE;
		}
		return (observers.size() == 1) ? observers.get(0) : new CompositeSessionObserver(observers);
	}

	@Override
	public TurnObservation turnStarted(CreateResponse request, TransportMode transport, ContextView context) {
		List<TurnObservation> turns = new ArrayList<>(this.observers.size());
		this.observers.forEach((observer) -> turns.add(observer.turnStarted(request, transport, context)));
		return new TurnObservation() {

			@Override
			public void firstEvent() {
				turns.forEach(TurnObservation::firstEvent);
			}

			@Override
			public void completed(@Nullable Response response) {
				turns.forEach((turn) -> turn.completed(response));
			}

			@Override
			public void failed(Throwable error) {
				turns.forEach((turn) -> turn.failed(error));
			}

			@Override
			public void cancelled() {
				turns.forEach(TurnObservation::cancelled);
			}

		};
	}

	@Override
	public void connectionOpened() {
		this.observers.forEach(SessionObserver::connectionOpened);
	}

	@Override
	public void connectionClosed(boolean lost) {
		this.observers.forEach((observer) -> observer.connectionClosed(lost));
	}

	@Override
	public void connectionRotated() {
		this.observers.forEach(SessionObserver::connectionRotated);
	}

	@Override
	public void chainHit() {
		this.observers.forEach(SessionObserver::chainHit);
	}

	@Override
	public void storedChainHit() {
		this.observers.forEach(SessionObserver::storedChainHit);
	}

	@Override
	public void chainMissed(ChainMissReason reason) {
		this.observers.forEach((observer) -> observer.chainMissed(reason));
	}

	@Override
	public void bytesSent(long bytes) {
		this.observers.forEach((observer) -> observer.bytesSent(bytes));
	}

	@Override
	public void bytesReceived(long bytes) {
		this.observers.forEach((observer) -> observer.bytesReceived(bytes));
	}

}
