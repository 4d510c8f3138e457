package dev.responsesws.client.internal.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the wire protocol.
 *
 * <p>The protocol's field names and shapes are fixed by the server, so the library never uses
 * an application's {@code ObjectMapper} (whose naming strategy or inclusion settings could
 * change what goes on the wire). This mapper has plain Jackson defaults plus read limits that
 * keep a hostile or broken server from exhausting memory or the stack:
 * <ul>
 * <li>nesting depth at most {@value #MAX_NESTING_DEPTH};</li>
 * <li>a single string value at most {@value #MAX_STRING_LENGTH} characters;</li>
 * <li>a single number at most {@value #MAX_NUMBER_LENGTH} characters.</li>
 * </ul>
 * The overall size of a frame is bounded by the transport's maximum frame size. Parsers and
 * generators take their buffers from a per-thread pool: events are decoded on the few event-loop
 * threads, where a shared pool's synchronization costs more than it saves.
 */
public final class ProtocolJson {

	/** Maximum nesting depth of objects and arrays in a decoded document. */
	public static final int MAX_NESTING_DEPTH = 256;

	/** Maximum length in characters of one string value in a decoded document. */
	public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

	/** Maximum length in characters of one number in a decoded document. */
	public static final int MAX_NUMBER_LENGTH = 100;

	private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.build())
		.build()).build();

	private ProtocolJson() {
	}

	/**
	 * Create a streaming parser with the mapper's limits but without a databind context, for
	 * code that reads tokens only: cheaper to create than the mapper's own parsers.
	 * @param utf8 the buffer
	 * @param offset where the JSON starts
	 * @param length its length in bytes
	 * @return the parser
	 */
	public static JsonParser createParser(byte[] utf8, int offset, int length) {
		return MAPPER.tokenStreamFactory().createParser(ObjectReadContext.empty(), utf8, offset, length);
	}

	/**
	 * Return the shared, immutable mapper used for every protocol message.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
