package dev.responsesws.springai;

/**
 * Where the current observation lives in a Reactor context.
 */
final class ObservationKeys {

	/**
	 * The key Micrometer's context propagation uses for the current observation
	 * ({@code ObservationThreadLocalAccessor.KEY}), under which the session finds the parent of
	 * its turn observations.
	 */
	static final String CURRENT = "micrometer.observation";

	private ObservationKeys() {
	}

}
