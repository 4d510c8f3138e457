/**
 * Fixture for the architecture rules' negative case: the error layer.
 */
@NullMarked
package dev.responsesws.archfixture.error;

import org.jspecify.annotations.NullMarked;
