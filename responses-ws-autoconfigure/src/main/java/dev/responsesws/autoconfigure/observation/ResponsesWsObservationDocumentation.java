package dev.responsesws.autoconfigure.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documented observations of the responses-ws session.
 *
 * <p>With Spring Boot's metrics, the observation {@link #TURN} also gives the timer
 * {@code responses.ws.turn} (turns by the low-cardinality keys), the long task timer
 * {@code responses.ws.turn.active} (turns running now) and the counter
 * {@code responses.ws.turn.first-event} (turns that received a first event).
 */
public enum ResponsesWsObservationDocumentation implements ObservationDocumentation {

	/**
	 * One turn: from the subscription to the terminal event, the error or the cancellation.
	 */
	TURN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultResponsesTurnObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	};

	/**
	 * Low-cardinality keys of {@link #TURN}.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The model of the request, {@code none} when the request names none.
		 */
		MODEL {
			@Override
			public String asString() {
				return "model";
			}
		},

		/**
		 * The transport of the turn: {@code websocket} or {@code http}.
		 */
		TRANSPORT {
			@Override
			public String asString() {
				return "transport";
			}
		},

		/**
		 * How the turn ended: the status of the final response ({@code completed},
		 * {@code incomplete}, {@code failed}), {@code error}, {@code cancelled}, or
		 * {@code unknown} while it runs.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Whether the request continues a chain with {@code previous_response_id}:
		 * {@code true} or {@code false}.
		 */
		CHAINED {
			@Override
			public String asString() {
				return "chained";
			}
		},

		/**
		 * The code of the error: the API error code (such as {@code rate_limit_exceeded}),
		 * {@code handshake_<status>}, {@code connection_closed}, or {@code none}.
		 */
		ERROR_CODE {
			@Override
			public String asString() {
				return "error.code";
			}
		},

		/**
		 * The simple class name of the error, or {@code none}.
		 */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

	/**
	 * High-cardinality keys of {@link #TURN}.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The id of the final response, or {@code none} until it is known.
		 */
		RESPONSE_ID {
			@Override
			public String asString() {
				return "response.id";
			}
		},

		/**
		 * The {@code previous_response_id} of the request, or {@code none}.
		 */
		PREVIOUS_RESPONSE_ID {
			@Override
			public String asString() {
				return "previous.response.id";
			}
		}

	}

	/**
	 * Events of {@link #TURN}.
	 */
	public enum Events implements Observation.Event {

		/**
		 * The first server event of the turn arrived.
		 */
		FIRST_EVENT {
			@Override
			public String getName() {
				return "first-event";
			}

			@Override
			public String getContextualName() {
				return "first event of the turn";
			}
		}

	}

}
