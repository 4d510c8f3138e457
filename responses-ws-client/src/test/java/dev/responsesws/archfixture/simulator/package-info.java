/**
 * Fixture for the architecture rules' negative case: the simulator layer.
 */
@NullMarked
package dev.responsesws.archfixture.simulator;

import org.jspecify.annotations.NullMarked;
