package dev.responsesws.autoconfigure;

import java.util.stream.Stream;

import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.event.ErrorEvent;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.event.ResponseTerminalEvent;
import dev.responsesws.client.event.TerminalEvent;
import dev.responsesws.client.event.UnknownEvent;
import dev.responsesws.client.json.RawJson;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.FunctionCall;
import dev.responsesws.client.response.OtherOutputItem;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.OutputMessage;
import dev.responsesws.client.response.ReasoningItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.response.ResponseError;
import dev.responsesws.client.response.Usage;
import dev.responsesws.client.session.SessionSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the claims of {@link ResponsesWsRuntimeHints}: the types an application can write with
 * Jackson are registered with the serializers their annotations name, and nothing else is.
 */
class ResponsesWsRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	ResponsesWsRuntimeHintsTests() {
		new ResponsesWsRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	static Stream<Class<?>> writableTypes() {
		return Stream.of(ResponseEvent.class, TerminalEvent.class, ResponseTerminalEvent.class,
				ResponseCompletedEvent.class, OutputTextDeltaEvent.class, ErrorEvent.class, UnknownEvent.class,
				ApiError.class, Response.class, OutputItem.class, OutputMessage.class, FunctionCall.class,
				ReasoningItem.class, OtherOutputItem.class, ContentPart.class, RawJson.class, Usage.class,
				ResponseError.class, SessionSnapshot.class, AgentResult.class, AgentEvent.Model.class,
				AgentEvent.ToolCallFinished.class, AgentEvent.Finished.class);
	}

	@ParameterizedTest
	@MethodSource("writableTypes")
	void registersTheTypesAnApplicationCanWriteWithJackson(Class<?> type) {
		assertThat(RuntimeHintsPredicates.reflection().onType(type)).accepts(this.hints);
	}

	@Test
	void registersEveryEventTypeFoundInTheSealedHierarchy() {
		assertThat(ResponsesWsRuntimeHints.jacksonWritableTypes())
			.contains(ResponseEvent.class.getPermittedSubclasses())
			.contains(TerminalEvent.class.getPermittedSubclasses())
			.contains(ResponseTerminalEvent.class.getPermittedSubclasses())
			.doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@MethodSource("annotatedTypes")
	void registersTheSerializersThatJacksonAnnotationsName(Class<?> annotated) {
		Class<?> serializer = annotated.getAnnotation(JsonSerialize.class).using();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(serializer)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
	}

	static Stream<Class<?>> annotatedTypes() {
		return Stream.of(ResponseEvent.class, Response.class, OutputItem.class, ContentPart.class, RawJson.class);
	}

	@Test
	void doesNotRegisterWhatIsNotWrittenWithAnApplicationsMapper() {
		Stream.of(CreateResponse.class, InputMessage.class, AgentEvent.StepRetried.class, ResponsesException.class,
				EventDecoder.class)
			.forEach((type) -> assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName())
				.rejects(this.hints));
	}

	@Test
	void jacksonWritesARegisteredEventAsItsJson() {
		ResponseEvent event = new EventDecoder().decode("{\"type\":\"response.output_text.delta\","
				+ "\"sequence_number\":9,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,"
				+ "\"delta\":\"Hi\",\"obfuscation\":\"x\"}");
		assertThat(JsonMapper.shared().writeValueAsString(event)).isEqualTo(event.json())
			.isEqualTo("{\"type\":\"response.output_text.delta\",\"sequence_number\":9,\"item_id\":\"msg_1\","
					+ "\"output_index\":1,\"content_index\":0,\"delta\":\"Hi\"}");
	}

}
