package dev.responsesws.autoconfigure;

import java.util.List;

import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.event.ContentPartAddedEvent;
import dev.responsesws.client.event.ContentPartDoneEvent;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.FunctionCallArgumentsDeltaEvent;
import dev.responsesws.client.event.FunctionCallArgumentsDoneEvent;
import dev.responsesws.client.event.OutputItemAddedEvent;
import dev.responsesws.client.event.OutputItemDoneEvent;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.OutputTextDoneEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDeltaEvent;
import dev.responsesws.client.event.ReasoningSummaryTextDoneEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseCreatedEvent;
import dev.responsesws.client.event.ResponseDoneEvent;
import dev.responsesws.client.event.ResponseFailedEvent;
import dev.responsesws.client.event.ResponseInProgressEvent;
import dev.responsesws.client.event.ResponseIncompleteEvent;
import dev.responsesws.client.event.ResponseQueuedEvent;
import dev.responsesws.client.event.UnknownEvent;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.OtherOutputItem;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseError;
import dev.responsesws.client.response.Usage;
import dev.responsesws.client.session.SessionSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the library's value types for reflection, so that an application can bind them with
 * Jackson (for example to forward events to a browser as JSON) in a native image. The library
 * itself reads and writes the protocol without reflection.
 */
class ResponsesWsRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> VALUE_TYPES = List.of(ResponseCreatedEvent.class, ResponseQueuedEvent.class,
			ResponseInProgressEvent.class, ResponseCompletedEvent.class, ResponseFailedEvent.class,
			ResponseIncompleteEvent.class, ResponseDoneEvent.class, OutputItemAddedEvent.class,
			OutputItemDoneEvent.class, ContentPartAddedEvent.class, ContentPartDoneEvent.class,
			OutputTextDeltaEvent.class, OutputTextDoneEvent.class, FunctionCallArgumentsDeltaEvent.class,
			FunctionCallArgumentsDoneEvent.class, ReasoningSummaryTextDeltaEvent.class,
			ReasoningSummaryTextDoneEvent.class, ErrorEvent.class, ApiError.class, UnknownEvent.class, Response.class,
			Usage.class, ResponseError.class, ContentPart.class, OutputMessage.class, FunctionCall.class,
			ReasoningItem.class, OtherOutputItem.class, SessionSnapshot.class, AgentResult.class,
			AgentEvent.StepStarted.class, AgentEvent.Model.class, AgentEvent.StepRetried.class,
			AgentEvent.StepFinished.class, AgentEvent.ToolCallStarted.class, AgentEvent.ToolCallFinished.class,
			AgentEvent.Finished.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> type : VALUE_TYPES) {
			hints.reflection()
				.registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS,
						MemberCategory.ACCESS_DECLARED_FIELDS);
		}
	}

}
