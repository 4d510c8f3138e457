package dev.responsesws.autoconfigure;

import dev.responsesws.client.session.ResponsesSession;

/**
 * Customizes the {@link ResponsesSession.Builder} of the auto-configured session after the
 * properties were applied.
 */
@FunctionalInterface
public interface ResponsesSessionBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(ResponsesSession.Builder builder);

}
