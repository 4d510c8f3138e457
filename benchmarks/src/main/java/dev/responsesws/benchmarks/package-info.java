/**
 * JMH benchmarks of the responses-ws client, run on demand (never part of the test run).
 */
@NullMarked
package dev.responsesws.benchmarks;

import org.jspecify.annotations.NullMarked;
