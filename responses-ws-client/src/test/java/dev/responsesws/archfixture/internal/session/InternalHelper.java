package dev.responsesws.archfixture.internal.session;

/**
 * An internal type of the fixture's session layer.
 */
public class InternalHelper {

}
