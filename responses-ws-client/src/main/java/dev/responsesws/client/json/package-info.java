/**
 * The JSON mapper the library uses for the wire protocol, independent of any application settings.
 */
@NullMarked
package dev.responsesws.client.json;

import org.jspecify.annotations.NullMarked;
