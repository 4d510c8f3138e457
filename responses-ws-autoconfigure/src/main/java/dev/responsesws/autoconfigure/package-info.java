/**
 * Auto-configuration of the responses-ws session for Spring Boot applications.
 */
@NullMarked
package dev.responsesws.autoconfigure;

import org.jspecify.annotations.NullMarked;
