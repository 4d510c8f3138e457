package dev.responsesws.client.event;

import java.util.List;
import java.util.Map;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.OtherOutputItem;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseError;
import dev.responsesws.client.response.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding of realistic server frames (see {@code src/test/resources/frames}): every component
 * of every typed event, both error shapes and unknown event types.
 */
class EventDecoderGoldenFrameTests {

	private static final String RESPONSE_ID = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";

	private static final String MODEL = "gpt-5.1-2025-11-13";

	private static final String MESSAGE_ID = "msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b";

	private static final String REASONING_ID = "rs_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b";

	private static final String FUNCTION_CALL_ID = "fc_67ccd3ac6db88190a2a4e1b8a4dfaa3c0bb6a6b452d3795b";

	private static final String CALL_ID = "call_unLAR8MvFNptuiZK6K6HCy5k";

	private static final String ARGUMENTS = "{\"location\":\"Paris, France\"}";

	private static final String TEXT = "Let me check the weather in Paris.";

	private final EventDecoder decoder = new EventDecoder();

	private <T extends ResponseEvent> T decode(String frame, Class<T> type) {
		ResponseEvent event = Frames.decodeBothWays(this.decoder, Frames.read(frame));
		assertThat(event).isInstanceOf(type);
		return type.cast(event);
	}

	private static JsonNode responseTree(String frame) {
		return Frames.tree(frame).get("response");
	}

	private static JsonNode itemTree(String frame) {
		return Frames.tree(frame).get("item");
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#names")
	void everyFrameDecodesIdenticallyFromTextAndFromBytes(String frame) {
		String json = Frames.read(frame);
		ResponseEvent event = Frames.decodeBothWays(this.decoder, json);
		assertThat(event.type()).isEqualTo(Frames.tree(frame).get("type").stringValue());
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			response.created,                          ResponseCreatedEvent,             false
			response.queued,                           ResponseQueuedEvent,              false
			response.in_progress,                      ResponseInProgressEvent,          false
			response.output_item.added-message,        OutputItemAddedEvent,             false
			response.output_item.added-function_call,  OutputItemAddedEvent,             false
			response.output_item.added-reasoning,      OutputItemAddedEvent,             false
			response.output_item.added-web_search_call, OutputItemAddedEvent,            false
			response.content_part.added,               ContentPartAddedEvent,            false
			response.content_part.done,                ContentPartDoneEvent,             false
			response.output_text.delta,                OutputTextDeltaEvent,             false
			response.output_text.done,                 OutputTextDoneEvent,              false
			response.function_call_arguments.delta,    FunctionCallArgumentsDeltaEvent,  false
			response.function_call_arguments.done,     FunctionCallArgumentsDoneEvent,   false
			response.reasoning_summary_text.delta,     ReasoningSummaryTextDeltaEvent,   false
			response.reasoning_summary_text.done,      ReasoningSummaryTextDoneEvent,    false
			response.reasoning_summary_part.added,     ReasoningSummaryPartAddedEvent,   false
			response.reasoning_summary_part.done,      ReasoningSummaryPartDoneEvent,    false
			response.refusal.delta,                    RefusalDeltaEvent,                false
			response.refusal.done,                     RefusalDoneEvent,                 false
			response.output_text.annotation.added,     OutputTextAnnotationAddedEvent,   false
			response.web_search_call.in_progress,      WebSearchCallInProgressEvent,     false
			response.web_search_call.searching,        WebSearchCallSearchingEvent,      false
			response.web_search_call.completed,        WebSearchCallCompletedEvent,      false
			response.output_item.done-reasoning,       OutputItemDoneEvent,              false
			response.output_item.done-message,         OutputItemDoneEvent,              false
			response.output_item.done-function_call,   OutputItemDoneEvent,              false
			response.completed,                        ResponseCompletedEvent,           true
			response.failed,                           ResponseFailedEvent,              true
			response.incomplete,                       ResponseIncompleteEvent,          true
			response.done,                             ResponseDoneEvent,                true
			error-previous_response_not_found,         ErrorEvent,                       true
			error-lane,                                ErrorEvent,                       true
			error-rate_limit,                          ErrorEvent,                       true
			error-sse,                                 ErrorEvent,                       true
			unknown-response.reasoning_text.delta,     UnknownEvent,                     false
			unknown-response.output_audio.delta,       UnknownEvent,                     false
			unknown-response.mcp_call.completed,       UnknownEvent,                     false
			unknown-future,                            UnknownEvent,                     false
			""")
	void eachFrameDecodesToItsEventClassAndTerminality(String frame, String eventClass, boolean terminal)
			throws ClassNotFoundException {
		Class<?> expected = Class.forName(ResponseEvent.class.getPackageName() + "." + eventClass);
		ResponseEvent event = Frames.decodeBothWays(this.decoder, Frames.read(frame));
		assertThat(event).isExactlyInstanceOf(expected);
		assertThat(event.isTerminal()).isEqualTo(terminal);
		assertThat(event instanceof ResponseTerminalEvent).isEqualTo(terminal && !(event instanceof ErrorEvent));
	}

	@Test
	void responseCreated() {
		ResponseCreatedEvent event = decode("response.created", ResponseCreatedEvent.class);
		assertThat(event.type()).isEqualTo("response.created").isEqualTo(ResponseCreatedEvent.TYPE);
		assertThat(event.sequenceNumber()).isZero();
		assertThat(event.streamId()).isNull();
		assertThat(event.isTerminal()).isFalse();
		assertThat(event.response()).isEqualTo(new Response(RESPONSE_ID, "in_progress", MODEL, null, List.of(),
				Usage.ZERO, null, null, responseTree("response.created")));
		assertThat(event.response().tree().get("tools").get(0).get("name").stringValue()).isEqualTo("get_weather");
	}

	@Test
	void responseQueuedOnALane() {
		ResponseQueuedEvent event = decode("response.queued", ResponseQueuedEvent.class);
		assertThat(event.type()).isEqualTo(ResponseQueuedEvent.TYPE);
		assertThat(event.sequenceNumber()).isZero();
		assertThat(event.streamId()).isEqualTo("lane-2");
		assertThat(event.isTerminal()).isFalse();
		assertThat(event.response()).isEqualTo(new Response("resp_68a0b7d5e6f78191a2b3c4d5e6f7a8b90c1d2e3f4a5b6c7d",
				"queued", MODEL, "resp_68a0b7c1aa118191b0f0e0d0c0b0a0908070605040302010", List.of(), Usage.ZERO, null,
				null, responseTree("response.queued")));
	}

	@Test
	void responseInProgress() {
		ResponseInProgressEvent event = decode("response.in_progress", ResponseInProgressEvent.class);
		assertThat(event.type()).isEqualTo(ResponseInProgressEvent.TYPE);
		assertThat(event.sequenceNumber()).isOne();
		assertThat(event.streamId()).isNull();
		assertThat(event.isTerminal()).isFalse();
		assertThat(event.response()).isEqualTo(new Response(RESPONSE_ID, "in_progress", MODEL, null, List.of(),
				Usage.ZERO, null, null, responseTree("response.in_progress")));
	}

	@Test
	void outputItemAddedWithAReasoningItem() {
		OutputItemAddedEvent event = decode("response.output_item.added-reasoning", OutputItemAddedEvent.class);
		assertThat(event.type()).isEqualTo(OutputItemAddedEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(new OutputItemAddedEvent(2, null, 0,
				new ReasoningItem(REASONING_ID, List.of(), itemTree("response.output_item.added-reasoning"))));
		assertThat(event.item().type()).isEqualTo("reasoning");
	}

	@Test
	void outputItemAddedWithAMessage() {
		OutputItemAddedEvent event = decode("response.output_item.added-message", OutputItemAddedEvent.class);
		assertThat(event).isEqualTo(new OutputItemAddedEvent(7, null, 1, new OutputMessage(MESSAGE_ID, "assistant",
				"in_progress", List.of(), itemTree("response.output_item.added-message"))));
		OutputMessage message = (OutputMessage) event.item();
		assertThat(message.type()).isEqualTo("message");
		assertThat(message.text()).isEmpty();
	}

	@Test
	void outputItemAddedWithAFunctionCall() {
		OutputItemAddedEvent event = decode("response.output_item.added-function_call", OutputItemAddedEvent.class);
		assertThat(event).isEqualTo(new OutputItemAddedEvent(15, null, 2, new FunctionCall(FUNCTION_CALL_ID, CALL_ID,
				"get_weather", "", "in_progress", itemTree("response.output_item.added-function_call"))));
		assertThat(event.item().type()).isEqualTo("function_call");
	}

	@Test
	void outputItemAddedWithAnItemTypeTheLibraryDoesNotModel() {
		OutputItemAddedEvent event = decode("response.output_item.added-web_search_call", OutputItemAddedEvent.class);
		JsonNode item = itemTree("response.output_item.added-web_search_call");
		assertThat(event).isEqualTo(new OutputItemAddedEvent(3, null, 1,
				new OtherOutputItem("web_search_call", "ws_67ccf18f64008190a39b619f4c8455ef087bb177ab789d5c", item)));
		assertThat(event.item().tree().get("action").get("query").stringValue()).isEqualTo("weather in Paris");
	}

	@Test
	void contentPartAdded() {
		ContentPartAddedEvent event = decode("response.content_part.added", ContentPartAddedEvent.class);
		assertThat(event.type()).isEqualTo(ContentPartAddedEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		JsonNode part = Frames.tree("response.content_part.added").get("part");
		assertThat(event).isEqualTo(
				new ContentPartAddedEvent(8, null, MESSAGE_ID, 1, 0, new ContentPart("output_text", "", part)));
	}

	@Test
	void contentPartDone() {
		ContentPartDoneEvent event = decode("response.content_part.done", ContentPartDoneEvent.class);
		assertThat(event.type()).isEqualTo(ContentPartDoneEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		JsonNode part = Frames.tree("response.content_part.done").get("part");
		assertThat(event).isEqualTo(
				new ContentPartDoneEvent(12, null, MESSAGE_ID, 1, 0, new ContentPart("output_text", TEXT, part)));
	}

	@Test
	void outputTextDeltaOnALane() {
		OutputTextDeltaEvent event = decode("response.output_text.delta", OutputTextDeltaEvent.class);
		assertThat(event.type()).isEqualTo(OutputTextDeltaEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(new OutputTextDeltaEvent(9, "lane-a", MESSAGE_ID, 1, 0, "Let me"));
	}

	@Test
	void outputTextDone() {
		OutputTextDoneEvent event = decode("response.output_text.done", OutputTextDoneEvent.class);
		assertThat(event.type()).isEqualTo(OutputTextDoneEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(new OutputTextDoneEvent(11, null, MESSAGE_ID, 1, 0, TEXT));
	}

	@Test
	void functionCallArgumentsDeltaOnALane() {
		FunctionCallArgumentsDeltaEvent event = decode("response.function_call_arguments.delta",
				FunctionCallArgumentsDeltaEvent.class);
		assertThat(event.type()).isEqualTo(FunctionCallArgumentsDeltaEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event)
			.isEqualTo(new FunctionCallArgumentsDeltaEvent(16, "lane-a", FUNCTION_CALL_ID, 2, "{\"location\":"));
	}

	@Test
	void functionCallArgumentsDone() {
		FunctionCallArgumentsDoneEvent event = decode("response.function_call_arguments.done",
				FunctionCallArgumentsDoneEvent.class);
		assertThat(event.type()).isEqualTo(FunctionCallArgumentsDoneEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(
				new FunctionCallArgumentsDoneEvent(18, null, FUNCTION_CALL_ID, 2, "get_weather", ARGUMENTS));
	}

	@Test
	void reasoningSummaryTextDelta() {
		ReasoningSummaryTextDeltaEvent event = decode("response.reasoning_summary_text.delta",
				ReasoningSummaryTextDeltaEvent.class);
		assertThat(event.type()).isEqualTo(ReasoningSummaryTextDeltaEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(
				new ReasoningSummaryTextDeltaEvent(4, null, REASONING_ID, 0, 1, "**Checking the forecast**"));
	}

	@Test
	void reasoningSummaryTextDone() {
		ReasoningSummaryTextDoneEvent event = decode("response.reasoning_summary_text.done",
				ReasoningSummaryTextDoneEvent.class);
		assertThat(event.type()).isEqualTo(ReasoningSummaryTextDoneEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event).isEqualTo(new ReasoningSummaryTextDoneEvent(5, null, REASONING_ID, 0, 1,
				"**Checking the forecast**\n\nThe user wants the current weather in Paris."));
	}

	@Test
	void reasoningSummaryPartAdded() {
		ReasoningSummaryPartAddedEvent event = decode("response.reasoning_summary_part.added",
				ReasoningSummaryPartAddedEvent.class);
		assertThat(event).isEqualTo(new ReasoningSummaryPartAddedEvent(3, null, REASONING_ID, 0, 1,
				new ContentPart("summary_text", "", Frames.tree("response.reasoning_summary_part.added").get("part"))));
		assertThat(event.type()).isEqualTo(ReasoningSummaryPartAddedEvent.TYPE);
	}

	@Test
	void reasoningSummaryPartDoneCarriesTheWholeText() {
		ReasoningSummaryPartDoneEvent event = decode("response.reasoning_summary_part.done",
				ReasoningSummaryPartDoneEvent.class);
		assertThat(event.summaryIndex()).isEqualTo(1);
		assertThat(event.part().type()).isEqualTo("summary_text");
		assertThat(event.part().text())
			.isEqualTo("**Checking the forecast**\n\nThe user wants the current weather in Paris.");
		assertThat(event.type()).isEqualTo(ReasoningSummaryPartDoneEvent.TYPE);
	}

	@Test
	void refusalDelta() {
		assertThat(decode("response.refusal.delta", RefusalDeltaEvent.class))
			.isEqualTo(new RefusalDeltaEvent(5, null, MESSAGE_ID, 0, 0, "I can't help"));
	}

	@Test
	void refusalDone() {
		assertThat(decode("response.refusal.done", RefusalDoneEvent.class))
			.isEqualTo(new RefusalDoneEvent(9, null, MESSAGE_ID, 0, 0, "I can't help with that request."));
	}

	@Test
	void outputTextAnnotationAddedKeepsTheAnnotationAsReceived() {
		OutputTextAnnotationAddedEvent event = decode("response.output_text.annotation.added",
				OutputTextAnnotationAddedEvent.class);
		assertThat(event.itemId()).isEqualTo(MESSAGE_ID);
		assertThat(event.outputIndex()).isEqualTo(1);
		assertThat(event.contentIndex()).isZero();
		assertThat(event.annotationIndex()).isZero();
		assertThat(event.annotation().tree())
			.isEqualTo(Frames.tree("response.output_text.annotation.added").get("annotation"));
		assertThat(event.annotation().tree().get("type").stringValue()).isEqualTo("url_citation");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			response.web_search_call.in_progress, WebSearchCallInProgressEvent, 4
			response.web_search_call.searching,   WebSearchCallSearchingEvent,  5
			response.web_search_call.completed,   WebSearchCallCompletedEvent,  6
			""")
	void webSearchCallStatus(String frame, String eventClass, long sequenceNumber) throws ClassNotFoundException {
		Class<?> expected = Class.forName(ResponseEvent.class.getPackageName() + "." + eventClass);
		ResponseEvent event = Frames.decodeBothWays(this.decoder, Frames.read(frame));
		assertThat(event).isExactlyInstanceOf(expected);
		assertThat(event.sequenceNumber()).isEqualTo(sequenceNumber);
		assertThat(event.type()).isEqualTo(frame);
		assertThat(event.tree().get("item_id").stringValue())
			.isEqualTo("ws_67ccf18f64008190a39b619f4c8455ef087bb177ab789d5c");
		assertThat(event.tree().get("output_index").intValue()).isEqualTo(1);
	}

	@Test
	void outputItemDoneWithAReasoningItem() {
		OutputItemDoneEvent event = decode("response.output_item.done-reasoning", OutputItemDoneEvent.class);
		assertThat(event.item()).isInstanceOf(ReasoningItem.class);
	}

	@Test
	void outputItemDoneWithAMessage() {
		OutputItemDoneEvent event = decode("response.output_item.done-message", OutputItemDoneEvent.class);
		assertThat(event.type()).isEqualTo(OutputItemDoneEvent.TYPE);
		assertThat(event.isTerminal()).isFalse();
		JsonNode item = itemTree("response.output_item.done-message");
		assertThat(event).isEqualTo(new OutputItemDoneEvent(13, null, 1, new OutputMessage(MESSAGE_ID, "assistant",
				"completed", List.of(new ContentPart("output_text", TEXT, item.get("content").get(0))), item)));
		assertThat(((OutputMessage) event.item()).text()).isEqualTo(TEXT);
	}

	@Test
	void outputItemDoneWithAFunctionCall() {
		OutputItemDoneEvent event = decode("response.output_item.done-function_call", OutputItemDoneEvent.class);
		assertThat(event).isEqualTo(new OutputItemDoneEvent(19, null, 2, new FunctionCall(FUNCTION_CALL_ID, CALL_ID,
				"get_weather", ARGUMENTS, "completed", itemTree("response.output_item.done-function_call"))));
	}

	@Test
	void responseCompletedCarriesTheWholeResponse() {
		ResponseCompletedEvent event = decode("response.completed", ResponseCompletedEvent.class);
		assertThat(event.type()).isEqualTo(ResponseCompletedEvent.TYPE);
		assertThat(event.sequenceNumber()).isEqualTo(20);
		assertThat(event.streamId()).isNull();
		assertThat(event.isTerminal()).isTrue();
		JsonNode json = responseTree("response.completed");
		JsonNode output = json.get("output");
		Response expected = new Response(RESPONSE_ID, "completed", MODEL,
				"resp_67ccd2a3b4c58190a0b1c2d3e4f5a6b70bb6a6b452d3795b",
				List.of(new ReasoningItem(REASONING_ID,
						List.of("**Understanding the request**",
								"**Checking the forecast**\n\nThe user wants the current weather in Paris."),
						output.get(0)),
						new OutputMessage(MESSAGE_ID, "assistant", "completed",
								List.of(new ContentPart("output_text", TEXT, output.get(1).get("content").get(0))),
								output.get(1)),
						new FunctionCall(FUNCTION_CALL_ID, CALL_ID, "get_weather", ARGUMENTS, "completed",
								output.get(2))),
				new Usage(1523, 1280, 412, 256, 1935), null, null, json);
		assertThat(event.response()).isEqualTo(expected);
		assertThat(event.response().outputText()).isEqualTo(TEXT);
		assertThat(event.response().functionCalls()).singleElement()
			.extracting(FunctionCall::callId)
			.isEqualTo(CALL_ID);
	}

	@Test
	void responseFailedCarriesTheError() {
		ResponseFailedEvent event = decode("response.failed", ResponseFailedEvent.class);
		assertThat(event.type()).isEqualTo(ResponseFailedEvent.TYPE);
		assertThat(event.sequenceNumber()).isEqualTo(5);
		assertThat(event.streamId()).isEqualTo("lane-b");
		assertThat(event.isTerminal()).isTrue();
		assertThat(event.response()).isEqualTo(new Response("resp_67ccd7eca01881908ff0b5146584e408072912b2993db808",
				"failed", MODEL, null, List.of(), Usage.ZERO,
				new ResponseError("server_error", "The model failed to generate a response."), null,
				responseTree("response.failed")));
	}

	@Test
	void responseIncompleteCarriesTheReason() {
		ResponseIncompleteEvent event = decode("response.incomplete", ResponseIncompleteEvent.class);
		assertThat(event.type()).isEqualTo(ResponseIncompleteEvent.TYPE);
		assertThat(event.sequenceNumber()).isEqualTo(31);
		assertThat(event.streamId()).isNull();
		assertThat(event.isTerminal()).isTrue();
		JsonNode json = responseTree("response.incomplete");
		JsonNode message = json.get("output").get(0);
		assertThat(event.response()).isEqualTo(new Response("resp_67cb71b351908190a308f3859487620d06981a8637e6bc44",
				"incomplete", MODEL, null,
				List.of(new OutputMessage("msg_67cb71b3c2b0819084d481baaaf148f206981a8637e6bc44", "assistant",
						"incomplete",
						List.of(new ContentPart("output_text", "Silent circuits hum,", message.get("content").get(0))),
						message)),
				new Usage(36, 0, 16, 0, 52), null, "max_output_tokens", json));
	}

	@Test
	void responseDoneIsTerminal() {
		ResponseDoneEvent event = decode("response.done", ResponseDoneEvent.class);
		assertThat(event.type()).isEqualTo(ResponseDoneEvent.TYPE);
		assertThat(event.sequenceNumber()).isEqualTo(6);
		assertThat(event.streamId()).isNull();
		assertThat(event.isTerminal()).isTrue();
		assertThat(event.response()).isEqualTo(new Response("resp_warmup_0001", "completed", MODEL, null, List.of(),
				new Usage(800, 0, 0, 0, 800), null, null, responseTree("response.done")));
	}

	@Test
	void webSocketErrorEnvelopeWithoutSequenceNumberOrLane() {
		ErrorEvent event = decode("error-previous_response_not_found", ErrorEvent.class);
		assertThat(event.type()).isEqualTo("error").isEqualTo(ErrorEvent.TYPE);
		assertThat(event.isTerminal()).isTrue();
		assertThat(event).isEqualTo(new ErrorEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, 400,
				new ApiError("invalid_request_error", ApiError.PREVIOUS_RESPONSE_NOT_FOUND,
						"Previous response with id 'resp_abc123' not found.", "previous_response_id",
						Map.of("x-request-id", "req_5f1c2d3e4b5a69788796a5b4c3d2e1f0", "openai-processing-ms", "12"))));
	}

	@Test
	void webSocketErrorEnvelopeOnALaneWithSequenceNumber() {
		ErrorEvent event = decode("error-lane", ErrorEvent.class);
		assertThat(event.isTerminal()).isTrue();
		assertThat(event).isEqualTo(new ErrorEvent(0, "lane-7", 400, new ApiError("invalid_request_error",
				ApiError.STREAM_LIMIT_REACHED, "Too many streams on this connection (max 32).", "stream_id", Map.of())));
	}

	@Test
	void rateLimitErrorEnvelopeKeepsTheHeaders() {
		ErrorEvent event = decode("error-rate_limit", ErrorEvent.class);
		assertThat(event.sequenceNumber()).isEqualTo(ResponseEvent.NO_SEQUENCE_NUMBER);
		assertThat(event.streamId()).isNull();
		assertThat(event.status()).isEqualTo(429);
		ApiError error = event.error();
		assertThat(error.type()).isEqualTo("tokens");
		assertThat(error.code()).isEqualTo("rate_limit_exceeded");
		assertThat(error.message()).startsWith("Rate limit reached for gpt-5.1").endsWith("Please try again in 1.4s.");
		assertThat(error.param()).isNull();
		assertThat(error.headers()).containsOnly(Map.entry("retry-after", "2"),
				Map.entry("x-ratelimit-limit-requests", "500"), Map.entry("x-ratelimit-limit-tokens", "30000"),
				Map.entry("x-ratelimit-remaining-requests", "499"), Map.entry("x-ratelimit-remaining-tokens", "0"),
				Map.entry("x-ratelimit-reset-requests", "120ms"), Map.entry("x-ratelimit-reset-tokens", "1.4s"));
	}

	@Test
	void flatSseErrorEvent() {
		ErrorEvent event = decode("error-sse", ErrorEvent.class);
		assertThat(event.isTerminal()).isTrue();
		assertThat(event).isEqualTo(new ErrorEvent(3, null, null, new ApiError(null, "server_error",
				"The server had an error while processing your request. Sorry about that!", null, Map.of())));
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", textBlock = """
			unknown-response.reasoning_text.delta,        response.reasoning_text.delta,        4,  null
			unknown-response.output_audio.delta,          response.output_audio.delta,          12, null
			unknown-response.mcp_call.completed,          response.mcp_call.completed,          9,  lane-a
			unknown-future,                               response.hologram_frame.delta,        42, null
			""")
	void unknownTypesKeepTheirJsonUnchanged(String frame, String type, long sequenceNumber, String streamId) {
		String json = Frames.read(frame);
		UnknownEvent event = decode(frame, UnknownEvent.class);
		assertThat(event).isEqualTo(new UnknownEvent(type, sequenceNumber, streamId, json));
		assertThat(event.json()).isEqualTo(json);
		assertThat(event.isTerminal()).isFalse();
		assertThat(event.tree()).isEqualTo(Frames.parse(json));
		assertThat(event.toString()).contains(type).doesNotContain(json);
	}

	@Test
	void unknownEventKeepsNonAsciiTextFromBytesUnchanged() {
		String json = Frames.read("unknown-future");
		UnknownEvent event = (UnknownEvent) Frames.decodeFromLargerBuffer(this.decoder, json);
		assertThat(event.json()).isEqualTo(json).contains("héllo 👋 世界");
		assertThat(event.tree().get("note").stringValue()).isEqualTo("héllo 👋 世界");
		assertThat(event.tree().get("delta").get("voxels").get(1).get(2).intValue()).isEqualTo(5);
	}

}
