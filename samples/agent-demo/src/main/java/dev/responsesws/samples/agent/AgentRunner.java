package dev.responsesws.samples.agent;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.responsesws.autoconfigure.ResponsesConversations;
import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentOptions;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.session.ResponsesSession;

/**
 * Runs the agent on a question and prints what happens as it happens: the streamed answer, each
 * tool call and its result, and a summary.
 */
class AgentRunner {

	static final String DEFAULT_QUESTION = "Use calculate to work out 12 * (3 + 4) and lookup_city to tell me "
			+ "about Paris, then combine both in one answer.";

	private final ResponsesConversations conversations;

	private final ResponsesSession session;

	private final TrafficCounter traffic;

	private final PrintStream out;

	AgentRunner(ResponsesConversations conversations, ResponsesSession session, TrafficCounter traffic,
			PrintStream out) {
		this.conversations = conversations;
		this.session = session;
		this.traffic = traffic;
		this.out = out;
	}

	AgentResult run(String question) {
		this.out.println("> " + question);
		long start = System.nanoTime();
		AtomicLong firstToken = new AtomicLong();
		AgentResult result = this.conversations.create()
			.run(question, DemoTools.create(), AgentOptions.DEFAULTS.withMaxSteps(10))
			.doOnNext((event) -> print(event, start, firstToken))
			.ofType(AgentEvent.Finished.class)
			.map(AgentEvent.Finished::result)
			.blockLast(Duration.ofMinutes(5));
		if (result == null) {
			throw new IllegalStateException("The agent ended without a result");
		}
		Duration total = Duration.ofNanos(System.nanoTime() - start);
		this.out.println();
		this.out.println("--- summary");
		this.out.printf("steps: %d, tool calls: %d, stop: %s%n", result.steps(), result.toolCalls(),
				result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
		this.out.printf("time to first token: %s, total time: %d ms%n",
				(firstToken.get() > 0) ? (firstToken.get() - start) / 1_000_000 + " ms" : "n/a", total.toMillis());
		this.out.printf("bytes sent: %d, bytes received: %d, transport: %s%n", this.traffic.sent(),
				this.traffic.received(), this.session.transport().name().toLowerCase(java.util.Locale.ROOT));
		this.out.printf("tokens: %d in (%d cached), %d out%n", result.usage().inputTokens(),
				result.usage().cachedInputTokens(), result.usage().outputTokens());
		return result;
	}

	private void print(AgentEvent event, long start, AtomicLong firstToken) {
		if (event instanceof AgentEvent.Model model && model.event() instanceof OutputTextDeltaEvent delta) {
			firstToken.compareAndSet(0, System.nanoTime());
			this.out.print(delta.delta());
			this.out.flush();
		}
		else if (event instanceof AgentEvent.StepStarted started && started.step() > 1) {
			this.out.println();
		}
		else if (event instanceof AgentEvent.ToolCallStarted call) {
			this.out.printf("%n[step %d] calling %s(%s)", call.step(), call.call().name(), call.call().arguments());
		}
		else if (event instanceof AgentEvent.ToolCallFinished call) {
			this.out.printf("%n[step %d] %s -> %s%s", call.step(), call.call().name(), call.output(),
					call.failed() ? " (failed)" : "");
		}
		else if (event instanceof AgentEvent.StepRetried retried) {
			this.out.printf("%n[step %d] retrying: %s", retried.step(), retried.cause().getMessage());
		}
	}

}
