package dev.responsesws.client.event;

/**
 * An event that ends its response, after which no further event of that response follows:
 * a {@link ResponseTerminalEvent} carrying the final response object, or an {@link ErrorEvent}
 * ending the request. {@link ResponseEvent#isTerminal()} is true exactly for these events.
 */
public sealed interface TerminalEvent extends ResponseEvent permits ResponseTerminalEvent, ErrorEvent {

}
