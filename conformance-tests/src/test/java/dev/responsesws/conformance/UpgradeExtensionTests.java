package dev.responsesws.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator answers an upgrade with permessage-deflate only when the client offered it:
 * openai-java strips the extension from its upgrade and refuses a 101 that carries one anyway.
 */
@ExtendWith(MockResponsesServerExtension.class)
class UpgradeExtensionTests {

	MockResponsesServer server;

	@Test
	void anUpgradeWithoutExtensionsIsAnsweredWithoutExtensions() throws IOException {
		String head = upgrade(null);
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");
	}

	@Test
	void anUpgradeOfferingCompressionIsAnsweredWithIt() throws IOException {
		String head = upgrade("permessage-deflate; client_max_window_bits");
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(head.toLowerCase(Locale.ROOT)).contains("sec-websocket-extensions: permessage-deflate");
	}

	/** Send an upgrade request over a plain socket and return the response's head. */
	private String upgrade(String extensions) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(5_000);
			StringBuilder request = new StringBuilder("GET /v1/responses HTTP/1.1\r\n")
				.append("Host: 127.0.0.1:").append(this.server.port()).append("\r\n")
				.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
				.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
				.append("Authorization: Bearer sk-test\r\n");
			if (extensions != null) {
				request.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				head.write(next);
			}
			return head.toString(StandardCharsets.US_ASCII);
		}
	}

}
