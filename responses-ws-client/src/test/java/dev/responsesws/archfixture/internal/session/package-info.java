/**
 * Fixture for the architecture rules' negative case: an internal package of the session layer.
 */
@NullMarked
package dev.responsesws.archfixture.internal.session;

import org.jspecify.annotations.NullMarked;
