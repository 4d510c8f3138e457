package dev.responsesws.client.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.responsesws.client.error.ProtocolDecodingException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the server-sent events parser, with properties over arbitrary splits and bytes.
 */
class SseEventParserTests {

	private static final String STREAM = "event: response.created\ndata: {\"a\":1}\n\n"
			+ ": a comment\r\nevent: response.output_text.delta\r\ndata: {\"delta\":\"h\u00e9llo \ud83d\udc4b \u4e16\u754c\"}\r\n\r\n"
			+ "data: line one\ndata: line two\n\nid: 7\nretry: 10\ndata:no-space\n\ndata: [DONE]\n\n";

	private static final List<String> EVENTS = List.of("{\"a\":1}", "{\"delta\":\"h\u00e9llo \ud83d\udc4b \u4e16\u754c\"}",
			"line one\nline two", "no-space");

	@Test
	void parsesEventsCommentsMultiLineDataAndDone() {
		assertThat(feed(new SseEventParser(1024), List.of(STREAM.getBytes(StandardCharsets.UTF_8)))).isEqualTo(EVENTS);
	}

	@Property(tries = 1000)
	void anySplitOfTheBytesGivesTheSameEvents(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 300) Integer> cuts) {
		byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
		List<byte[]> chunks = new ArrayList<>();
		int start = 0;
		for (int cut : cuts.stream().sorted().toList()) {
			int end = Math.min(cut, bytes.length);
			if (end > start) {
				chunks.add(java.util.Arrays.copyOfRange(bytes, start, end));
				start = end;
			}
		}
		chunks.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
		assertThat(feed(new SseEventParser(1024), chunks)).isEqualTo(EVENTS);
	}

	@Property(tries = 2000)
	void randomBytesNeverFailOtherwiseThanDocumented(@ForAll @Size(max = 600) byte[] bytes) {
		try {
			feed(new SseEventParser(256), List.of(bytes));
		}
		catch (ProtocolDecodingException ex) {
			assertThat(ex.getMessage()).contains("exceeds the limit of 256 bytes");
		}
	}

	@Test
	void eventOverTheLimitFails() {
		byte[] big = ("data: " + "x".repeat(2000) + "\n\n").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(ProtocolDecodingException.class)
			.isThrownBy(() -> feed(new SseEventParser(1024), List.of(big)))
			.withMessageContaining("1024");
	}

	private static List<String> feed(SseEventParser parser, List<byte[]> chunks) {
		List<String> events = new ArrayList<>();
		for (byte[] chunk : chunks) {
			ByteBuf buffer = Unpooled.wrappedBuffer(chunk);
			try {
				events.addAll(parser.feed(buffer));
			}
			finally {
				buffer.release();
			}
		}
		return events;
	}

}
