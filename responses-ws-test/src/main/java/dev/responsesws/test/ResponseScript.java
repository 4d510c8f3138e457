package dev.responsesws.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.responsesws.test.OutputPlan.Step;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an {@link OutputPlan} into the event frames of one response, in the order the real
 * server sends them, generated lazily on demand (so a long stream follows the connection's
 * backpressure and holds nothing in memory), paced at the token rate after the simulated prefill
 * delay and the plan's {@link OutputPlan#holdUntil hold}, if any. When the terminal event is produced, the finished response is handed to a callback so
 * the connection's cache and the store can be updated before the next turn starts.
 */
final class ResponseScript {

	/** A frame that is not JSON, for the malformed-frame fault. */
	static final String MALFORMED_FRAME = "{\"type\":\"response.output_text.delta\",\"delta\":";

	private static final String[] WORDS = { "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
			"elit", "sed", "do", "eiusmod", "tempor" };

	private static final int ARGUMENT_CHUNK = 8;

	private final OutputPlan plan;

	private final String responseId;

	private final ResponseObject response;

	private final EventFrames frames;

	private final IdGenerator ids;

	private final long inputTokens;

	private final long cachedTokens;

	private final Duration prefill;

	private final double tokenRate;

	private final Consumer<FinishedResponse> onFinished;

	private final List<JsonNode> output = new ArrayList<>();

	private long outputTokens;

	private long reasoningTokens;

	private long pacedTokens;

	private long pacingStart;

	/**
	 * Create the script of one response.
	 * @param request the request as received, whose settings the response object echoes
	 */
	ResponseScript(OutputPlan plan, String responseId, SimulatedRequest request, IdGenerator ids,
			long inputTokens, long cachedTokens, Duration prefill, double tokenRate,
			Consumer<FinishedResponse> onFinished) {
		this.plan = plan;
		this.responseId = responseId;
		this.response = new ResponseObject(responseId, request.tree(), Instant.now().getEpochSecond());
		this.frames = new EventFrames(request.streamId());
		this.ids = ids;
		this.inputTokens = inputTokens;
		this.cachedTokens = cachedTokens;
		this.prefill = prefill;
		this.tokenRate = (plan.tokenRate() >= 0) ? plan.tokenRate() : tokenRate;
		this.onFinished = onFinished;
	}

	/**
	 * Return the frames of the response; subscribe once.
	 * @return the frames, the fault of the plan applied for the malformed-frame case only (the
	 * transport applies disconnects and closes)
	 */
	Flux<String> frames() {
		Flux<String> frames = Flux.defer(() -> {
			List<Flux<String>> parts = new ArrayList<>();
			parts.add(Flux.just(this.frames.response("response.created", this.response.inProgress()),
					this.frames.response("response.in_progress", this.response.inProgress())));
			Duration wait = this.prefill.plus(this.plan.extraDelay());
			if (!wait.isZero() && !wait.isNegative()) {
				parts.add(Mono.delay(wait).thenMany(Flux.empty()));
			}
			CompletionStage<?> release = this.plan.release();
			if (release != null) {
				// not Mono.fromCompletionStage: cancelling this response must not cancel the
				// test's stage, which may release other responses too
				parts.add(Mono.<Void>create((sink) -> release.whenComplete((value, error) -> sink.success()))
					.thenMany(Flux.empty()));
			}
			List<Step> steps = this.plan.steps();
			for (int i = 0; i < steps.size(); i++) {
				parts.add(step(steps.get(i), i));
			}
			parts.add(Mono.fromCallable(this::terminal).flux());
			return Flux.concat(parts);
		});
		OutputPlan.Fault fault = this.plan.fault();
		if (fault != null && fault.kind() == OutputPlan.FaultKind.MALFORMED) {
			return insertMalformed(frames, fault.afterEvents());
		}
		return frames;
	}

	private static Flux<String> insertMalformed(Flux<String> frames, int position) {
		long[] count = new long[1];
		return frames.concatMapIterable((frame) -> (count[0]++ == position) ? List.of(MALFORMED_FRAME, frame)
				: List.of(frame)).concatWith(Mono.fromSupplier(() -> MALFORMED_FRAME).filter((f) -> count[0] <= position));
	}

	private Flux<String> step(Step step, int outputIndex) {
		return Flux.defer(() -> {
			if (step instanceof Step.Text text) {
				return message(text, outputIndex);
			}
			if (step instanceof Step.FunctionCall call) {
				return functionCall(call, outputIndex);
			}
			return reasoning((Step.Reasoning) step, outputIndex);
		});
	}

	private Flux<String> message(Step.Text text, int outputIndex) {
		String itemId = this.ids.next("msg");
		boolean keep = this.plan.fullText();
		StringBuilder full = new StringBuilder();
		long[] length = new long[1];
		Flux<String> tokens = (text.text() != null) ? Flux.fromIterable(words(text.text()))
				: Flux.<String, long[]>generate(() -> new long[1], (n, sink) -> {
					if (n[0] >= text.count()) {
						sink.complete();
					}
					else if (text.deltaSize() > 0) {
						sink.next(chunk(text.deltaSize(), n[0]));
						n[0]++;
					}
					else {
						sink.next(((n[0] == 0) ? "" : " ") + WORDS[(int) (n[0] % WORDS.length)]);
						n[0]++;
					}
					return n;
				});
		Flux<String> deltas = paced(tokens).map((token) -> {
			this.outputTokens++;
			length[0] += token.length();
			if (keep) {
				full.append(token);
			}
			return this.frames.delta("response.output_text.delta", itemId, outputIndex, "content_index", token);
		});
		return Flux.concat(Mono.fromSupplier(() -> this.frames.item("response.output_item.added", outputIndex,
				OutputItems.message(itemId, "in_progress", null))),
				Mono.fromSupplier(
						() -> part("response.content_part.added", itemId, outputIndex, OutputItems.textPart(""))),
				deltas, Flux.defer(() -> {
					String whole = keep ? full.toString() : "[" + length[0] + " characters streamed]";
					ObjectNode done = this.frames.itemEvent("response.output_text.done", itemId, outputIndex);
					done.put("content_index", 0);
					done.putArray("logprobs");
					done.put("text", whole);
					JsonNode item = OutputItems.message(itemId, "completed", whole);
					this.output.add(item);
					return Flux.just(done.toString(),
							part("response.content_part.done", itemId, outputIndex, OutputItems.textPart(whole)),
							this.frames.item("response.output_item.done", outputIndex, item));
				}));
	}

	/** A delta of the given length: its index, then a filler of letters. */
	private static String chunk(int size, long index) {
		StringBuilder chunk = new StringBuilder(size).append(index).append(' ');
		while (chunk.length() < size) {
			chunk.append((char) ('a' + chunk.length() % 26));
		}
		chunk.setLength(size);
		return chunk.toString();
	}

	private Flux<String> functionCall(Step.FunctionCall call, int outputIndex) {
		String itemId = this.ids.next("fc");
		String callId = this.ids.next("call");
		List<String> chunks = new ArrayList<>();
		for (int i = 0; i < call.arguments().length(); i += ARGUMENT_CHUNK) {
			chunks.add(call.arguments().substring(i, Math.min(call.arguments().length(), i + ARGUMENT_CHUNK)));
		}
		Flux<String> deltas = paced(Flux.fromIterable(chunks)).map((chunk) -> {
			this.outputTokens++;
			return this.frames.delta("response.function_call_arguments.delta", itemId, outputIndex, null, chunk);
		});
		return Flux.concat(Mono.fromSupplier(() -> this.frames.item("response.output_item.added", outputIndex,
				OutputItems.functionCall(itemId, callId, call.name(), "", "in_progress"))), deltas, Flux.defer(() -> {
					ObjectNode done = this.frames.itemEvent("response.function_call_arguments.done", itemId,
							outputIndex);
					done.put("name", call.name());
					done.put("arguments", call.arguments());
					JsonNode item = OutputItems.functionCall(itemId, callId, call.name(), call.arguments(),
							"completed");
					this.output.add(item);
					return Flux.just(done.toString(), this.frames.item("response.output_item.done", outputIndex, item));
				}));
	}

	private Flux<String> reasoning(Step.Reasoning reasoning, int outputIndex) {
		String itemId = this.ids.next("rs");
		Flux<String> deltas = paced(Flux.fromIterable(words(reasoning.summary()))).map((token) -> {
			this.outputTokens++;
			this.reasoningTokens++;
			return this.frames.delta("response.reasoning_summary_text.delta", itemId, outputIndex, "summary_index",
					token);
		});
		return Flux.concat(Mono.fromSupplier(() -> this.frames.item("response.output_item.added", outputIndex,
				OutputItems.reasoning(itemId, null))), Mono.fromSupplier(() -> {
					ObjectNode added = this.frames.itemEvent("response.reasoning_summary_part.added", itemId,
							outputIndex);
					added.put("summary_index", 0);
					added.set("part", OutputItems.summaryPart(""));
					return added.toString();
				}), deltas, Flux.defer(() -> {
					ObjectNode textDone = this.frames.itemEvent("response.reasoning_summary_text.done", itemId,
							outputIndex);
					textDone.put("summary_index", 0);
					textDone.put("text", reasoning.summary());
					ObjectNode partDone = this.frames.itemEvent("response.reasoning_summary_part.done", itemId,
							outputIndex);
					partDone.put("summary_index", 0);
					partDone.set("part", OutputItems.summaryPart(reasoning.summary()));
					JsonNode item = OutputItems.reasoning(itemId, reasoning.summary());
					this.output.add(item);
					return Flux.just(textDone.toString(), partDone.toString(),
							this.frames.item("response.output_item.done", outputIndex, item));
				}));
	}

	/** Delay each token until its due time at the token rate, catching up when behind. */
	private Flux<String> paced(Flux<String> tokens) {
		if (this.tokenRate <= 0) {
			return tokens;
		}
		return tokens.concatMap((token) -> Mono.defer(() -> {
			if (this.pacedTokens == 0) {
				this.pacingStart = System.nanoTime();
			}
			long due = this.pacingStart + (long) (this.pacedTokens++ * 1_000_000_000d / this.tokenRate);
			long wait = due - System.nanoTime();
			return (wait <= 0) ? Mono.just(token) : Mono.delay(Duration.ofNanos(wait)).thenReturn(token);
		}), 1);
	}

	private String terminal() {
		OutputPlan.Ending ending = this.plan.ending();
		String status = switch (ending) {
			case COMPLETED -> "completed";
			case FAILED -> "failed";
			case INCOMPLETE -> "incomplete";
		};
		ObjectNode error = null;
		if (ending == OutputPlan.Ending.FAILED) {
			error = JsonMapper.shared().createObjectNode();
			error.put("code", this.plan.endingCode());
			error.put("message", this.plan.endingMessage());
		}
		String reason = (ending == OutputPlan.Ending.INCOMPLETE) ? this.plan.endingCode() : null;
		ObjectNode usage = ResponseObject.usage(this.inputTokens, this.cachedTokens, this.outputTokens,
				this.reasoningTokens);
		ObjectNode response = this.response.finished(status, this.output, usage, error, reason,
				Instant.now().getEpochSecond());
		this.onFinished.accept(new FinishedResponse(this.responseId, List.copyOf(this.output), ending));
		return this.frames.response("response." + status, response);
	}

	private String part(String type, String itemId, int outputIndex, JsonNode part) {
		ObjectNode event = this.frames.itemEvent(type, itemId, outputIndex);
		event.put("content_index", 0);
		event.set("part", part);
		return event.toString();
	}

	/** Split text into word-sized tokens, each but the first carrying its leading space. */
	static List<String> words(String text) {
		List<String> tokens = new ArrayList<>();
		int start = 0;
		for (int i = 1; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == ' ') {
				if (i > start) {
					tokens.add(text.substring(start, i));
				}
				start = i;
			}
		}
		return tokens;
	}

	/**
	 * A response whose terminal event was produced.
	 * @param id the response id
	 * @param output the output items
	 * @param ending how it ended
	 */
	record FinishedResponse(String id, List<JsonNode> output, OutputPlan.Ending ending) {
	}

}
