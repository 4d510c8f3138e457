/**
 * A TCP proxy that adds latency, caps bandwidth and injects faults, for tests and benchmarks.
 */
@NullMarked
package dev.responsesws.test.proxy;

import org.jspecify.annotations.NullMarked;
