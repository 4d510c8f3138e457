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
import tools.jackson.databind.json.JsonMapper;

/**
 * Event decoding cost on the same UTF-8 frames: {@link EventDecoder} against openai-java's own
 * types (its {@link ResponsesServerEvent} union, bound by its own Jackson 2 mapper, as its
 * WebSocket connection does) and against the floor, a raw Jackson token scan that binds
 * nothing.
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
	 * Scan every token without binding anything: the lower bound of any JSON decoder.
	 * @return a value derived from the tokens so the scan is not eliminated
	 */
	@Benchmark
	public long rawTokenScan() {
		long tokens = 0;
		try (JsonParser parser = JsonMapper.shared().createParser(this.bytes)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.VALUE_STRING) {
					tokens += parser.getStringLength();
				}
				tokens++;
			}
		}
		return tokens;
	}

}
