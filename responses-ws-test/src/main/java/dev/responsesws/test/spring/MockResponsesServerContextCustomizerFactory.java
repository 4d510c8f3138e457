package dev.responsesws.test.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link AutoConfigureMockResponsesServer} on a test class.
 */
class MockResponsesServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureMockResponsesServer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureMockResponsesServer.class);
		return (annotation != null) ? new MockResponsesServerContextCustomizer(annotation.apiKey(), annotation.strict()) : null;
	}

}
