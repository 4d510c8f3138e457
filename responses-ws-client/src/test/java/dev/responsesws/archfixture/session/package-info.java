/**
 * Fixture for the architecture rules' negative case: the session layer.
 */
@NullMarked
package dev.responsesws.archfixture.session;

import org.jspecify.annotations.NullMarked;
