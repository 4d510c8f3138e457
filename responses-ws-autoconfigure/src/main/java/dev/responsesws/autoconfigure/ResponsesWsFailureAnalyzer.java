package dev.responsesws.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link ResponsesWsConfigurationException} (no API key for the OpenAI API, a
 * placeholder left unresolved, a value out of its range, a malformed base URL, clear text to a
 * remote host, a shutdown grace period that does not fit the shutdown phase, a start-up connect or
 * warm-up the server refused or did not answer, a conversation factory in use without a model)
 * as a start-up failure that says what is wrong and what to set.
 */
class ResponsesWsFailureAnalyzer extends AbstractFailureAnalyzer<ResponsesWsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ResponsesWsConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
