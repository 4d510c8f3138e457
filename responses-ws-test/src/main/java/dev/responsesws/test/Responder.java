package dev.responsesws.test;

/**
 * Decides what the simulator answers to a request. Called once per {@code response.create}
 * (or {@code POST /v1/responses}), off the network threads' critical path, with everything the
 * server knows about the turn.
 *
 * @see Responders
 */
@FunctionalInterface
public interface Responder {

	/**
	 * Plan the answer to one turn.
	 * @param turn the request and the conversation so far
	 * @return what to stream back
	 */
	OutputPlan respond(TurnContext turn);

}
