/**
 * A chat page that streams the model's answer token by token over server-sent events.
 */
@NullMarked
package dev.responsesws.samples.chat;

import org.jspecify.annotations.NullMarked;
