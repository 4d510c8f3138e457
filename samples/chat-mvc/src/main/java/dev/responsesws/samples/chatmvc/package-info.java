/**
 * A Spring MVC chat on the blocking conversation methods: a JSON endpoint and a server-sent
 * event stream.
 */
@NullMarked
package dev.responsesws.samples.chatmvc;

import org.jspecify.annotations.NullMarked;
