package dev.responsesws.archfixture.error;

import dev.responsesws.archfixture.session.SessionThatImportsTheSimulator;

/**
 * Breaks the layering on purpose: a bottom layer that imports the layer above it (and so, with
 * that layer's import of this one, a cycle).
 */
public class ErrorThatImportsTheSession {

	/**
	 * Return a session.
	 * @return a new session
	 */
	public SessionThatImportsTheSimulator session() {
		return new SessionThatImportsTheSimulator();
	}

}
