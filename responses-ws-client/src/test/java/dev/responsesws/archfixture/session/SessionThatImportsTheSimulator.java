package dev.responsesws.archfixture.session;

import dev.responsesws.archfixture.error.ErrorThatImportsTheSession;
import dev.responsesws.archfixture.simulator.Simulator;

/**
 * Breaks the rules on purpose: imports the simulator, and the error layer below it (which imports
 * this class back).
 */
public class SessionThatImportsTheSimulator {

	/**
	 * Return an error and a simulator's description.
	 * @return the description
	 */
	public String describe() {
		return new ErrorThatImportsTheSession() + " " + new Simulator();
	}

}
