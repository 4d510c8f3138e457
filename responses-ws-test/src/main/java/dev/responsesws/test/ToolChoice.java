package dev.responsesws.test;

import org.jspecify.annotations.Nullable;

/**
 * The {@code tool_choice} of a request: whether the model may, must or must not call tools.
 *
 * @param mode the mode
 * @param function the function the model must call with {@link Mode#FUNCTION}, otherwise
 * {@code null}
 */
public record ToolChoice(Mode mode, @Nullable String function) {

	/** The default: the model decides. */
	public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);

	/**
	 * What the model may do with the tools.
	 */
	public enum Mode {

		/** {@code "none"}: never call a tool. */
		NONE,

		/** {@code "auto"} (the default): call tools when the message asks for them. */
		AUTO,

		/** {@code "required"}: always call at least one tool. */
		REQUIRED,

		/** {@code {"type":"function","name":...}}: call that function. */
		FUNCTION

	}

}
