package dev.responsesws.client.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.responsesws.client.error.ProtocolDecodingException;
import io.netty.buffer.ByteBuf;

/**
 * Splits a {@code text/event-stream} body into the {@code data} of each event.
 *
 * <p>Works on bytes, so a UTF-8 character split across network reads is decoded whole. Lines end
 * with LF, CRLF or CR; an event ends at an empty line; several {@code data} lines of one event
 * are joined with LF; comments and other fields ({@code event}, {@code id}, {@code retry}) are
 * skipped; the {@code [DONE]} marker is dropped. An event larger than the limit fails with
 * {@link ProtocolDecodingException}. Not thread-safe: one parser per stream.
 */
final class SseEventParser {

	private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

	private final int maxEventSize;

	private byte[] line = new byte[256];

	private int lineLength;

	private boolean afterCarriageReturn;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	SseEventParser(int maxEventSize) {
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Feed the next bytes of the body.
	 * @param buffer the bytes; not released
	 * @return the data of the events completed by these bytes, possibly none
	 */
	List<String> feed(ByteBuf buffer) {
		List<String> events = new ArrayList<>(2);
		// one bulk pass: a buffer tracked by the leak detector records every single-byte read
		buffer.forEachByte((b) -> {
			accept(b, events);
			return true;
		});
		return events;
	}

	private void accept(byte b, List<String> events) {
		if (b == '\n' && this.afterCarriageReturn) {
			this.afterCarriageReturn = false;
			return;
		}
		this.afterCarriageReturn = (b == '\r');
		if (b == '\n' || b == '\r') {
			endOfLine(events);
		}
		else {
			append(b);
		}
	}

	private void append(byte b) {
		if (this.lineLength + this.data.length() >= this.maxEventSize) {
			throw new ProtocolDecodingException("A server-sent event exceeds the limit of " + this.maxEventSize
					+ " bytes", null, null);
		}
		if (this.lineLength == this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.min(this.maxEventSize + 1, this.line.length * 2));
		}
		this.line[this.lineLength++] = b;
	}

	private void endOfLine(List<String> events) {
		if (this.lineLength == 0) {
			if (this.hasData) {
				String event = this.data.toString();
				if (!event.equals("[DONE]")) {
					events.add(event);
				}
			}
			this.data.setLength(0);
			this.hasData = false;
			return;
		}
		if (startsWithDataField()) {
			int start = DATA.length + 1;
			if (start < this.lineLength && this.line[start] == ' ') {
				start++;
			}
			if (this.hasData) {
				this.data.append('\n');
			}
			this.data.append(new String(this.line, start, Math.max(0, this.lineLength - start), StandardCharsets.UTF_8));
			this.hasData = true;
		}
		this.lineLength = 0;
	}

	private boolean startsWithDataField() {
		if (this.lineLength < DATA.length) {
			return false;
		}
		for (int i = 0; i < DATA.length; i++) {
			if (this.line[i] != DATA[i]) {
				return false;
			}
		}
		return this.lineLength == DATA.length || this.line[DATA.length] == ':';
	}

}
