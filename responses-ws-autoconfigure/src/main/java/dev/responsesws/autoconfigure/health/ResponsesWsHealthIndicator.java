package dev.responsesws.autoconfigure.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.session.ChainCounts;
import dev.responsesws.client.session.ResponsesSession;
import dev.responsesws.client.session.SessionSnapshot;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * Health of the responses-ws session: UP when the server answers a cheap reachability probe (a
 * WebSocket upgrade that is closed at once, or {@code GET /models} over HTTP; never a model
 * call), DOWN with the reason when it does not or refuses the key. The probe's result is reused
 * for a while so that health checks cost the server nothing most of the time. Details describe
 * the pool; the API key never appears.
 */
public class ResponsesWsHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ResponsesSession session;

	private final Mono<Optional<Throwable>> probe;

	/**
	 * Create an indicator.
	 * @param session the session
	 * @param probeTtl how long a probe result is reused
	 */
	public ResponsesWsHealthIndicator(ResponsesSession session, Duration probeTtl) {
		super("The responses-ws health check failed");
		this.session = session;
		this.probe = Mono.defer(session::probe)
			.then(Mono.just(Optional.<Throwable>empty()))
			.onErrorResume((error) -> Mono.just(Optional.of(error)))
			.cache(probeTtl);
	}

	/**
	 * The chain counts as health details: hits, the hits served from the server's storage,
	 * misses and the misses by reason tag.
	 */
	private static Map<String, Object> chains(ChainCounts chains) {
		Map<String, Long> byReason = new LinkedHashMap<>();
		chains.misses().forEach((reason, count) -> byReason.put(reason.tag(), count));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("hits", chains.hits());
		details.put("storedHits", chains.storedHits());
		details.put("misses", chains.missed());
		details.put("missesByReason", byReason);
		return details;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		SessionSnapshot snapshot = this.session.snapshot();
		builder.withDetail("transport", snapshot.transport().name().toLowerCase(java.util.Locale.ROOT))
			.withDetail("lanesInUse", snapshot.lanesInUse())
			.withDetail("connectionsOpen", snapshot.connectionsOpen())
			.withDetail("connectionsIdle", snapshot.connectionsIdle())
			.withDetail("connectionsBusy", snapshot.connectionsBusy())
			.withDetail("inFlight", snapshot.inFlight())
			.withDetail("queued", snapshot.queued())
			.withDetail("turnsCompleted", snapshot.turnsCompleted())
			.withDetail("turnsFailed", snapshot.turnsFailed())
			.withDetail("chains", chains(snapshot.chains()));
		if (snapshot.lastError() != null) {
			builder.withDetail("lastError", snapshot.lastError());
			builder.withDetail("lastErrorAt", String.valueOf(snapshot.lastErrorAt()));
		}
		if (snapshot.closed()) {
			return Mono.just(builder.outOfService().withDetail("reason", "the session is closed").build());
		}
		return this.probe.map((failure) -> {
			if (failure.isEmpty()) {
				return builder.up().build();
			}
			Throwable error = failure.get();
			builder.down().withDetail("reason", error.getMessage());
			if (error instanceof HandshakeRejectedException rejected) {
				builder.withDetail("status", rejected.status());
			}
			else if (error instanceof ResponsesApiException api && api.status() != null) {
				builder.withDetail("status", api.status());
			}
			return builder.build();
		});
	}

}
