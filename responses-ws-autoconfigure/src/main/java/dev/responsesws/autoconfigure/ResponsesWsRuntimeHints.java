package dev.responsesws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.conversation.AgentEvent;
import dev.responsesws.client.conversation.AgentResult;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import dev.responsesws.client.session.SessionSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers, for a native image, what an application needs to write the library's values with its
 * own Jackson mapper, for example to forward events to a browser. The library itself reads and
 * writes the protocol without reflection.
 *
 * <p>The types are registered with Spring's {@link BindingReflectionHintsRegistrar}, which also
 * registers the types their components refer to and the serializer classes their Jackson
 * annotations name:
 * <ul>
 * <li>every {@link ResponseEvent}, the sealed interfaces included, found through the sealed
 * hierarchy so a new event type cannot be forgotten: Jackson writes them through the
 * {@code @JsonSerialize} serializer of {@code ResponseEvent} as their wire JSON;</li>
 * <li>{@link Response}, every {@link OutputItem} and {@link ContentPart} (and, through them,
 * {@code RawJson}), which Jackson writes as the JSON they were received as, also through a
 * {@code @JsonSerialize} serializer; {@code Usage}, {@code ResponseError} and {@code ApiError}
 * come with them as plain records;</li>
 * <li>{@link SessionSnapshot} and {@link AgentResult}, plain records Jackson writes field by
 * field, and every {@link AgentEvent} but {@link AgentEvent.StepRetried}, whose cause is an
 * exception that Jackson cannot write usefully (write its message instead).</li>
 * </ul>
 * Requests ({@code CreateResponse}, input items, tools) are not registered: they are written with
 * their own {@code json()}, not with an application's mapper. Jackson cannot read events,
 * responses, items or parts back (they are read with {@code EventDecoder} and the types'
 * {@code fromJson}); the hints are for writing.
 */
class ResponsesWsRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(),
				jacksonWritableTypes().toArray(Class<?>[]::new));
	}

	/**
	 * Return the types an application can write with its own Jackson mapper.
	 * @return the types, sealed interfaces included
	 */
	static List<Class<?>> jacksonWritableTypes() {
		List<Class<?>> types = new ArrayList<>();
		addWithPermittedSubclasses(ResponseEvent.class, types);
		types.add(Response.class);
		addWithPermittedSubclasses(OutputItem.class, types);
		types.add(ContentPart.class);
		types.add(SessionSnapshot.class);
		types.add(AgentResult.class);
		addWithPermittedSubclasses(AgentEvent.class, types);
		types.remove(AgentEvent.StepRetried.class);
		return types;
	}

	private static void addWithPermittedSubclasses(Class<?> type, List<Class<?>> types) {
		types.add(type);
		Class<?>[] permitted = type.getPermittedSubclasses();
		if (permitted != null) {
			for (Class<?> subclass : permitted) {
				if (!types.contains(subclass)) {
					addWithPermittedSubclasses(subclass, types);
				}
			}
		}
	}

}
