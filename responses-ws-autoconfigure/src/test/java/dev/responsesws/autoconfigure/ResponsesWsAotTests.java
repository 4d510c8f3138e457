package dev.responsesws.autoconfigure;

import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.response.Response;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.annotation.JsonSerialize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Spring AOT processing on a context with the auto-configuration, as a native image build
 * does, and checks the hints it contributes.
 */
class ResponsesWsAotTests {

	@Test
	void aotProcessingSucceedsAndRegistersTheValueTypesAndTheirSerializers() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResponsesWsAutoConfiguration.class))
			.withPropertyValues("responses.ws.base-url=http://127.0.0.1:9/v1", "responses.ws.api-key=sk-aot")
			.prepare((context) -> {
				GenericApplicationContext source = (GenericApplicationContext) context.getSourceApplicationContext();
				TestGenerationContext generation = new TestGenerationContext();
				new ApplicationContextAotGenerator().processAheadOfTime(source, generation);
				generation.writeGeneratedContent();
				assertThat(generation.getGeneratedFiles().getGeneratedFiles(
						org.springframework.aot.generate.GeneratedFiles.Kind.SOURCE)).isNotEmpty();
				assertThat(RuntimeHintsPredicates.reflection().onType(OutputTextDeltaEvent.class))
					.accepts(generation.getRuntimeHints());
				assertThat(RuntimeHintsPredicates.reflection().onType(Response.class))
					.accepts(generation.getRuntimeHints());
				assertThat(RuntimeHintsPredicates.reflection()
					.onType(ResponseEvent.class.getAnnotation(JsonSerialize.class).using())
					.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
					.accepts(generation.getRuntimeHints());
			});
	}

}
