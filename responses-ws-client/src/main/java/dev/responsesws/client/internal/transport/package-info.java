/**
 * Internal: not API, may change in any release. The transports of the client: one WebSocket connection with demand-driven reading and
 * per-lane routing of events to turns, and the HTTP/SSE transport behind the same contract.
 */
@NullMarked
package dev.responsesws.client.internal.transport;

import org.jspecify.annotations.NullMarked;
