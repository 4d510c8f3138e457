package dev.responsesws.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * What the simulator answers to one {@code response.create}: the output items to stream, how
 * the response ends, and optional faults. Plans are immutable; each {@code then...} or modifier
 * method returns a new plan.
 *
 * <pre>{@code
 * OutputPlan.functionCall("get_weather", "{\"city\":\"Paris\"}")
 *     .thenFunctionCall("get_time", "{\"zone\":\"CET\"}");   // two parallel calls
 * OutputPlan.text("Hello there").disconnectAfter(4);        // drop the socket mid-stream
 * OutputPlan.tokens(1_000).tokenRate(4_000);                // 1,000 deltas at 4,000 tokens/s
 * OutputPlan.error(429, "rate_limit_error", "rate_limit_exceeded", "Slow down");
 * }</pre>
 */
public final class OutputPlan {

	private final List<Step> steps;

	private final Ending ending;

	private final @Nullable String endingCode;

	private final @Nullable String endingMessage;

	private final @Nullable ErrorReply error;

	private final @Nullable Fault fault;

	private final Duration delay;

	private final double tokenRate;

	private final boolean fullText;

	private final @Nullable CompletionStage<?> release;

	private OutputPlan(List<Step> steps, Ending ending, @Nullable String endingCode, @Nullable String endingMessage,
			@Nullable ErrorReply error, @Nullable Fault fault, Duration delay, double tokenRate, boolean fullText,
			@Nullable CompletionStage<?> release) {
		this.steps = List.copyOf(steps);
		this.ending = ending;
		this.endingCode = endingCode;
		this.endingMessage = endingMessage;
		this.error = error;
		this.fault = fault;
		this.delay = delay;
		this.tokenRate = tokenRate;
		this.fullText = fullText;
		this.release = release;
	}

	/**
	 * A response with no output items (what a warm-up produces).
	 * @return the plan
	 */
	public static OutputPlan empty() {
		return new OutputPlan(List.of(), Ending.COMPLETED, null, null, null, null, Duration.ZERO, -1, true, null);
	}

	/**
	 * A message with the given text, streamed one word-sized token per delta.
	 * @param text the text
	 * @return the plan
	 */
	public static OutputPlan text(String text) {
		return empty().thenText(text);
	}

	/**
	 * A message of {@code count} generated tokens, one per delta.
	 * @param count the number of tokens
	 * @return the plan
	 */
	public static OutputPlan tokens(long count) {
		return empty().thenTokens(count);
	}

	/**
	 * A function call.
	 * @param name the function name
	 * @param arguments the arguments JSON text
	 * @return the plan
	 */
	public static OutputPlan functionCall(String name, String arguments) {
		return empty().thenFunctionCall(name, arguments);
	}

	/**
	 * A reasoning item with a summary, usually followed by {@link #thenText(String)} or a call.
	 * @param summary the summary text
	 * @return the plan
	 */
	public static OutputPlan reasoning(String summary) {
		return empty().thenReasoning(summary);
	}

	/**
	 * An {@code error} frame instead of a response (over HTTP: the error status and body). The
	 * {@code previous_response_id} of the request is evicted from the connection's cache, as a
	 * failed turn does on the real server.
	 * @param status the HTTP status the error stands for
	 * @param type the error type, for example {@code invalid_request_error}
	 * @param code the error code
	 * @param message the message
	 * @return the plan
	 */
	public static OutputPlan error(int status, String type, @Nullable String code, String message) {
		return error(status, type, code, message, Map.of());
	}

	/**
	 * An {@code error} frame with the HTTP headers the same request would have had, for example
	 * the rate-limit headers of a 429.
	 * @param status the HTTP status the error stands for
	 * @param type the error type
	 * @param code the error code
	 * @param message the message
	 * @param headers the headers, sent in the frame's {@code error.headers} (and as real headers
	 * over HTTP)
	 * @return the plan
	 * @see #error(int, String, String, String)
	 */
	public static OutputPlan error(int status, String type, @Nullable String code, String message,
			Map<String, String> headers) {
		return new OutputPlan(List.of(), Ending.COMPLETED, null, null,
				new ErrorReply(status, type, code, message, Map.copyOf(headers)), null, Duration.ZERO, -1, true, null);
	}

	/**
	 * Add a message with the given text.
	 * @param text the text
	 * @return a new plan
	 */
	public OutputPlan thenText(String text) {
		return withStep(new Step.Text(text, -1, 0));
	}

	/**
	 * Add a message of {@code count} generated tokens.
	 * @param count the number of tokens
	 * @return a new plan
	 */
	public OutputPlan thenTokens(long count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative");
		}
		return withStep(new Step.Text(null, count, 0));
	}

	/**
	 * A message of {@code count} deltas of {@code charactersPerDelta} ASCII characters each: large
	 * frames, to exercise frame limits and backpressure with few events.
	 * @param count the number of deltas
	 * @param charactersPerDelta the length of each delta's text
	 * @return the plan
	 */
	public static OutputPlan chunks(long count, int charactersPerDelta) {
		if (count < 0 || charactersPerDelta < 1) {
			throw new IllegalArgumentException("Need count >= 0 and charactersPerDelta >= 1");
		}
		return empty().withStep(new Step.Text(null, count, charactersPerDelta));
	}

	/**
	 * Add a function call; several calls in one plan are parallel calls of one turn.
	 * @param name the function name
	 * @param arguments the arguments JSON text
	 * @return a new plan
	 */
	public OutputPlan thenFunctionCall(String name, String arguments) {
		return withStep(new Step.FunctionCall(name, arguments));
	}

	/**
	 * Add a reasoning item with a summary.
	 * @param summary the summary text
	 * @return a new plan
	 */
	public OutputPlan thenReasoning(String summary) {
		return withStep(new Step.Reasoning(summary));
	}

	/**
	 * End with {@code response.failed} instead of {@code response.completed}.
	 * @param code the error code, for example {@code server_error}
	 * @param message the message
	 * @return a new plan
	 */
	public OutputPlan failed(String code, String message) {
		return new OutputPlan(this.steps, Ending.FAILED, code, message, this.error, this.fault, this.delay,
				this.tokenRate, this.fullText, this.release);
	}

	/**
	 * End with {@code response.incomplete}.
	 * @param reason the reason, for example {@code max_output_tokens}
	 * @return a new plan
	 */
	public OutputPlan incomplete(String reason) {
		return new OutputPlan(this.steps, Ending.INCOMPLETE, reason, null, this.error, this.fault, this.delay,
				this.tokenRate, this.fullText, this.release);
	}

	/**
	 * Drop the TCP connection, without a close frame, after sending {@code events} events.
	 * @param events the number of events sent first
	 * @return a new plan
	 */
	public OutputPlan disconnectAfter(int events) {
		return withFault(new Fault(FaultKind.DISCONNECT, events, 0, ""));
	}

	/**
	 * Send a WebSocket close frame after {@code events} events.
	 * @param events the number of events sent first
	 * @param code the close status code, for example 1011
	 * @param reason the close reason
	 * @return a new plan
	 */
	public OutputPlan closeAfter(int events, int code, String reason) {
		return withFault(new Fault(FaultKind.CLOSE, events, code, reason));
	}

	/**
	 * Send a frame that is not JSON after {@code events} events, then go on with the rest.
	 * @param events the number of events sent first
	 * @return a new plan
	 */
	public OutputPlan malformedFrameAfter(int events) {
		return withFault(new Fault(FaultKind.MALFORMED, events, 0, ""));
	}

	/**
	 * Wait before the output, on top of the simulated prefill cost.
	 * @param delay the extra delay
	 * @return a new plan
	 */
	public OutputPlan delay(Duration delay) {
		return new OutputPlan(this.steps, this.ending, this.endingCode, this.endingMessage, this.error, this.fault,
				Objects.requireNonNull(delay), this.tokenRate, this.fullText, this.release);
	}

	/**
	 * Hold the response after {@code response.in_progress} (and after any delay and prefill
	 * cost) until {@code release} completes, normally or exceptionally, then go on with the
	 * output. A test can so keep a response running for exactly as long as it needs, for
	 * example to look at a busy client, instead of guessing how long a delay has to be. One
	 * stage may release several plans; a plan whose stage is already complete is not held. Has
	 * no effect on an {@link #error(int, String, String, String) error} plan, which is sent at
	 * once.
	 * <pre>{@code
	 * CompletableFuture<Void> release = new CompletableFuture<>();
	 * server.enqueue(OutputPlan.text("slow").holdUntil(release));
	 * // ... the turn is running: check what must hold while it runs
	 * release.complete(null);
	 * }</pre>
	 * @param release completes when the response may go on
	 * @return a new plan
	 */
	public OutputPlan holdUntil(CompletionStage<?> release) {
		return new OutputPlan(this.steps, this.ending, this.endingCode, this.endingMessage, this.error, this.fault,
				this.delay, this.tokenRate, this.fullText, Objects.requireNonNull(release));
	}

	/**
	 * Stream tokens at this rate instead of the server's.
	 * @param tokensPerSecond the rate; 0 for as fast as the connection takes them
	 * @return a new plan
	 */
	public OutputPlan tokenRate(double tokensPerSecond) {
		if (tokensPerSecond < 0) {
			throw new IllegalArgumentException("tokensPerSecond must not be negative");
		}
		return new OutputPlan(this.steps, this.ending, this.endingCode, this.endingMessage, this.error, this.fault,
				this.delay, tokensPerSecond, this.fullText, this.release);
	}

	/**
	 * Leave the whole text out of {@code output_text.done}, the done item and the final
	 * response (they say how many characters were streamed instead), so that very long streams
	 * do not make the simulator hold the text in memory.
	 * @return a new plan
	 */
	public OutputPlan withoutFullText() {
		return new OutputPlan(this.steps, this.ending, this.endingCode, this.endingMessage, this.error, this.fault,
				this.delay, this.tokenRate, false, this.release);
	}

	List<Step> steps() {
		return this.steps;
	}

	Ending ending() {
		return this.ending;
	}

	@Nullable String endingCode() {
		return this.endingCode;
	}

	@Nullable String endingMessage() {
		return this.endingMessage;
	}

	@Nullable ErrorReply errorReply() {
		return this.error;
	}

	@Nullable Fault fault() {
		return this.fault;
	}

	Duration extraDelay() {
		return this.delay;
	}

	/** What the response waits for after {@code response.in_progress}, or {@code null}. */
	@Nullable CompletionStage<?> release() {
		return this.release;
	}

	/** The plan's own rate, or a negative number for the server's. */
	double tokenRate() {
		return this.tokenRate;
	}

	boolean fullText() {
		return this.fullText;
	}

	private OutputPlan withStep(Step step) {
		List<Step> steps = new ArrayList<>(this.steps);
		steps.add(step);
		return new OutputPlan(steps, this.ending, this.endingCode, this.endingMessage, this.error, this.fault,
				this.delay, this.tokenRate, this.fullText, this.release);
	}

	private OutputPlan withFault(Fault fault) {
		if (fault.afterEvents() < 0) {
			throw new IllegalArgumentException("events must not be negative");
		}
		return new OutputPlan(this.steps, this.ending, this.endingCode, this.endingMessage, this.error, fault,
				this.delay, this.tokenRate, this.fullText, this.release);
	}

	@Override
	public String toString() {
		return "OutputPlan[steps=" + this.steps + ", ending=" + this.ending + ", error=" + this.error + ", fault="
				+ this.fault + "]";
	}

	enum Ending {

		COMPLETED, FAILED, INCOMPLETE

	}

	enum FaultKind {

		DISCONNECT, CLOSE, MALFORMED

	}

	record Fault(FaultKind kind, int afterEvents, int closeCode, String closeReason) {
	}

	record ErrorReply(int status, String type, @Nullable String code, String message, Map<String, String> headers) {

		ErrorReply(int status, String type, @Nullable String code, String message) {
			this(status, type, code, message, Map.of());
		}

	}

	sealed interface Step {

		/**
		 * A message: given text, or {@code count} generated tokens when text is null, each of
		 * {@code deltaSize} characters when it is positive, one word otherwise.
		 */
		record Text(@Nullable String text, long count, int deltaSize) implements Step {
		}

		record FunctionCall(String name, String arguments) implements Step {
		}

		record Reasoning(String summary) implements Step {
		}

	}

}
