/**
 * Spring test support: an annotation that starts the simulator for a test's application context
 * and points the application's connection details at it.
 */
@NullMarked
package dev.responsesws.test.spring;

import org.jspecify.annotations.NullMarked;
