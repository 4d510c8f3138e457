package dev.responsesws.autoconfigure.observation;

import java.util.Locale;

import dev.responsesws.autoconfigure.observation.ResponsesWsObservationDocumentation.HighCardinalityKeyNames;
import dev.responsesws.autoconfigure.observation.ResponsesWsObservationDocumentation.LowCardinalityKeyNames;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.HandshakeRejectedException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.response.Response;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ResponsesTurnObservationConvention}: the observation
 * {@value #DEFAULT_NAME} with the keys of {@link ResponsesWsObservationDocumentation#TURN}.
 */
public class DefaultResponsesTurnObservationConvention implements ResponsesTurnObservationConvention {

	/** The default name of the turn observation. */
	public static final String DEFAULT_NAME = "responses.ws.turn";

	private static final String NONE = "none";

	private final String name;

	/**
	 * Create a convention that names the observation {@value #DEFAULT_NAME}.
	 */
	public DefaultResponsesTurnObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention that gives the observation another name.
	 * @param name the name of the observation
	 */
	public DefaultResponsesTurnObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(ResponsesTurnObservationContext context) {
		return "responses turn";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ResponsesTurnObservationContext context) {
		return KeyValues.of(model(context), transport(context), outcome(context), chained(context),
				errorCode(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ResponsesTurnObservationContext context) {
		return KeyValues.of(responseId(context), previousResponseId(context));
	}

	/**
	 * Return the {@code model} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue model(ResponsesTurnObservationContext context) {
		return LowCardinalityKeyNames.MODEL.withValue(valueOrNone(context.getRequest().model()));
	}

	/**
	 * Return the {@code transport} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue transport(ResponsesTurnObservationContext context) {
		return LowCardinalityKeyNames.TRANSPORT.withValue(context.getTransport().name().toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the {@code outcome} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue outcome(ResponsesTurnObservationContext context) {
		return LowCardinalityKeyNames.OUTCOME.withValue(outcomeOf(context));
	}

	private static String outcomeOf(ResponsesTurnObservationContext context) {
		if (context.isCancelled()) {
			return "cancelled";
		}
		if (context.getError() != null) {
			return "error";
		}
		if (!context.isCompleted()) {
			return "unknown";
		}
		Response response = context.getResponse();
		return (response != null && response.status() != null) ? response.status() : "completed";
	}

	/**
	 * Return the {@code chained} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue chained(ResponsesTurnObservationContext context) {
		return LowCardinalityKeyNames.CHAINED
			.withValue(String.valueOf(context.getRequest().previousResponseId() != null));
	}

	/**
	 * Return the {@code error.code} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue errorCode(ResponsesTurnObservationContext context) {
		Throwable error = context.getError();
		String code = NONE;
		if (error instanceof ResponsesApiException api && api.code() != null) {
			code = api.code();
		}
		else if (error instanceof HandshakeRejectedException rejected) {
			code = "handshake_" + rejected.status();
		}
		else if (error instanceof ConnectionClosedException) {
			code = "connection_closed";
		}
		return LowCardinalityKeyNames.ERROR_CODE.withValue(code);
	}

	/**
	 * Return the {@code exception} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue exception(ResponsesTurnObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return LowCardinalityKeyNames.EXCEPTION.withValue(NONE);
		}
		String name = error.getClass().getSimpleName();
		return LowCardinalityKeyNames.EXCEPTION.withValue(name.isEmpty() ? error.getClass().getName() : name);
	}

	/**
	 * Return the {@code response.id} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue responseId(ResponsesTurnObservationContext context) {
		Response response = context.getResponse();
		return HighCardinalityKeyNames.RESPONSE_ID.withValue((response != null) ? response.id() : NONE);
	}

	/**
	 * Return the {@code previous.response.id} key value.
	 * @param context the context of the turn
	 * @return the key value
	 */
	protected KeyValue previousResponseId(ResponsesTurnObservationContext context) {
		return HighCardinalityKeyNames.PREVIOUS_RESPONSE_ID
			.withValue(valueOrNone(context.getRequest().previousResponseId()));
	}

	private static String valueOrNone(@Nullable String value) {
		return (value != null) ? value : NONE;
	}

}
