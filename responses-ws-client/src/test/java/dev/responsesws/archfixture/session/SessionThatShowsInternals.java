package dev.responsesws.archfixture.session;

import dev.responsesws.archfixture.internal.session.InternalHelper;

/**
 * Breaks the rules on purpose: an API type that extends an internal type and returns one.
 */
public class SessionThatShowsInternals extends InternalHelper {

	/**
	 * Return the internal helper.
	 * @return the helper
	 */
	public InternalHelper helper() {
		return this;
	}

}
