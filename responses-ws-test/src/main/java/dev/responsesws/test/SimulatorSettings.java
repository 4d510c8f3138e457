package dev.responsesws.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's settings, changeable while it runs; read by every new turn and connection.
 */
final class SimulatorSettings {

	static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofMinutes(60);

	static final int MAX_IN_FLIGHT_PER_CONNECTION = 16;

	static final int MAX_NAMED_LANES = 32;

	volatile @Nullable String apiKey;

	/** 0 to accept WebSocket upgrades, otherwise the HTTP status to refuse them with. */
	volatile int upgradeRejectionStatus;

	volatile double tokenRate;

	volatile Duration prefillPerToken = Duration.ZERO;

	volatile Duration maxConnectionAge = DEFAULT_MAX_CONNECTION_AGE;

	volatile boolean lanes = true;

	/** Whether unknown request parameters are refused, as the API does. */
	volatile boolean strict = true;

	volatile Responder responder = Responders.defaultAgent();

	SimulatorSettings copy() {
		SimulatorSettings copy = new SimulatorSettings();
		copy.apiKey = this.apiKey;
		copy.upgradeRejectionStatus = this.upgradeRejectionStatus;
		copy.tokenRate = this.tokenRate;
		copy.prefillPerToken = this.prefillPerToken;
		copy.maxConnectionAge = this.maxConnectionAge;
		copy.lanes = this.lanes;
		copy.strict = this.strict;
		copy.responder = this.responder;
		return copy;
	}

	void restore(SimulatorSettings initial) {
		this.apiKey = initial.apiKey;
		this.upgradeRejectionStatus = initial.upgradeRejectionStatus;
		this.tokenRate = initial.tokenRate;
		this.prefillPerToken = initial.prefillPerToken;
		this.maxConnectionAge = initial.maxConnectionAge;
		this.lanes = initial.lanes;
		this.strict = initial.strict;
		this.responder = initial.responder;
	}

}
