/**
 * The JSON of the wire protocol: the mapper the library uses, independent of any application
 * settings, and the streaming pieces the decoder is built from: typed reads of tokens, values kept
 * as received text ({@link dev.responsesws.client.json.RawJson}) and parsed into trees only when
 * asked, and long strings read from the input's bytes.
 */
@NullMarked
package dev.responsesws.client.json;

import org.jspecify.annotations.NullMarked;
