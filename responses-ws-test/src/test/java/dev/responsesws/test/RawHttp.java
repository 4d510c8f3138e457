package dev.responsesws.test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain Reactor Netty HTTP client for tests of the simulator's {@code POST /v1/responses}:
 * posts a body and returns the status, the headers and the body text as received, with a
 * parser for server-sent events. Every request uses a new connection and every wait is bounded.
 */
final class RawHttp {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private RawHttp() {
	}

	/**
	 * Post a body to {@code {baseUrl}/responses}.
	 * @param baseUrl the HTTP base URL, for example {@code http://127.0.0.1:1234/v1}
	 * @param body the body text, sent as is
	 * @param apiKey the key sent as {@code Bearer} token, or {@code null} for none
	 * @return what was received; a connection the server ended before the end of the body
	 * gives the part received and the error
	 */
	static Reply postResponses(URI baseUrl, String body, @Nullable String apiKey) {
		return post(URI.create(baseUrl + "/responses"), body, apiKey);
	}

	static Reply post(URI url, String body, @Nullable String apiKey) {
		Reply reply = HttpClient.newConnection()
			.headers((headers) -> {
				headers.set("Content-Type", "application/json");
				headers.set("Accept", "text/event-stream, application/json");
				if (apiKey != null) {
					headers.set("Authorization", "Bearer " + apiKey);
				}
			})
			.post()
			.uri(url)
			.send(ByteBufFlux.fromString(Mono.just(body)))
			.response((response, content) -> {
				ByteArrayOutputStream received = new ByteArrayOutputStream();
				return content.asByteArray()
					.doOnNext(received::writeBytes)
					.then(Mono.fromSupplier(() -> new Reply(response.status().code(), response.responseHeaders(),
							received.toString(StandardCharsets.UTF_8), null)))
					.onErrorResume((error) -> Mono.just(new Reply(response.status().code(),
							response.responseHeaders(), received.toString(StandardCharsets.UTF_8), error)));
			})
			.next()
			.block(TIMEOUT);
		if (reply == null) {
			throw new AssertionError("No response from " + url);
		}
		return reply;
	}

	/**
	 * Parse a server-sent event stream into its events, one per block of lines.
	 * @param text the stream
	 * @return the events, in order
	 */
	static List<SseEvent> parseEvents(String text) {
		List<SseEvent> events = new ArrayList<>();
		for (String block : text.replace("\r\n", "\n").split("\n\n")) {
			String event = null;
			StringBuilder data = null;
			for (String line : block.split("\n")) {
				if (line.isEmpty() || line.startsWith(":")) {
					continue;
				}
				int colon = line.indexOf(':');
				String field = (colon < 0) ? line : line.substring(0, colon);
				String value = (colon < 0) ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				if (field.equals("event")) {
					event = value;
				}
				else if (field.equals("data")) {
					data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				}
			}
			if (event != null || data != null) {
				events.add(new SseEvent(event, (data != null) ? data.toString() : null));
			}
		}
		return events;
	}

	/**
	 * What the server answered.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body text received
	 * @param error why the body ended early, or {@code null} if it was received whole
	 */
	record Reply(int status, HttpHeaders headers, String body, @Nullable Throwable error) {

		JsonNode tree() {
			return JsonMapper.shared().readTree(this.body);
		}

		List<SseEvent> events() {
			return parseEvents(this.body);
		}

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

	}

	/**
	 * One server-sent event.
	 * @param event the {@code event:} field, or {@code null}
	 * @param data the {@code data:} field (lines joined with newlines), or {@code null}
	 */
	record SseEvent(@Nullable String event, @Nullable String data) {
	}

}
