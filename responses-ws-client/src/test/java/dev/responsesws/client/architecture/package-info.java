/**
 * Architecture rules of the client: one-way layers, no cycles, no use of the simulator.
 */
@NullMarked
package dev.responsesws.client.architecture;

import org.jspecify.annotations.NullMarked;
