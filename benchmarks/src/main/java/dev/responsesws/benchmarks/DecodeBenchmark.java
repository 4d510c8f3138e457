package dev.responsesws.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectReader;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.ResponsesServerEvent;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Event decoding cost on the same UTF-8 frames: {@link EventDecoder} against openai-java's own
 * types (its {@link ResponsesServerEvent} union, bound by its own Jackson 2 mapper, as its
 * WebSocket connection does) and against the floor, a raw Jackson token scan that binds
 * nothing and decodes no string.
 *
 * <p>The floor is made as cheap as a decoder can get: its parser is created the way
 * {@link EventDecoder}'s is (a token stream factory with a per-thread buffer pool and the
 * decoder's read limits, no databind context), and it moves from token to token without asking
 * for any value, so Jackson skips the contents of strings instead of decoding them. A decoder
 * has to do at least this much to find the fields it reads.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar DecodeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

	@Param({ "text_delta", "function_delta", "completed" })
	public String frame;

	private final EventDecoder decoder = new EventDecoder();

	private final ObjectReader official = ObjectMappers.jsonMapper().readerFor(ResponsesServerEvent.class);

	/**
	 * Configured as the decoder's own factory: the same per-thread buffer pool and read limits
	 * (nesting depth 256, strings of 64 Mi characters, numbers of 100 characters).
	 */
	private final JsonFactory tokens = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(256)
			.maxStringLength(64 * 1024 * 1024)
			.maxNumberLength(100)
			.build())
		.build();

	private byte[] bytes = new byte[0];

	/**
	 * Select the frame.
	 */
	@Setup
	public void setUp() {
		this.bytes = Frames.utf8(switch (this.frame) {
			case "text_delta" -> Frames.TEXT_DELTA;
			case "function_delta" -> Frames.FUNCTION_DELTA;
			default -> Frames.COMPLETED;
		});
	}

	/**
	 * Decode with the library.
	 * @return the event
	 */
	@Benchmark
	public ResponseEvent decoder() {
		return this.decoder.decode(this.bytes, 0, this.bytes.length);
	}

	/**
	 * Decode with openai-java 4.101.0 into its server event union.
	 * @return the event
	 */
	@Benchmark
	public ResponsesServerEvent officialClient() {
		try {
			return this.official.readValue(this.bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Move over every token without binding or decoding anything: the lower bound of any JSON
	 * decoder. Values are never asked for, so the parser skips strings and leaves numbers as
	 * text.
	 * @return the number of tokens, so the scan is not eliminated
	 */
	@Benchmark
	public long rawTokenScan() {
		long tokens = 0;
		try (JsonParser parser = this.tokens.createParser(ObjectReadContext.empty(), this.bytes, 0,
				this.bytes.length)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				tokens++;
			}
		}
		return tokens;
	}

}
