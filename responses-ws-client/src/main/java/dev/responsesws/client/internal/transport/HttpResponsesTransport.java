package dev.responsesws.client.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.error.ConnectionClosedException;
import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.error.ResponsesApiException;
import dev.responsesws.client.error.ResponsesException;
import dev.responsesws.client.error.ResponsesTimeoutException;
import dev.responsesws.client.error.TransportException;
import dev.responsesws.client.error.WarmupUnavailableException;
import dev.responsesws.client.event.EventDecoder;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.internal.json.JsonValues;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.request.CreateResponseCodec;
import dev.responsesws.client.request.CreateResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP/SSE transport: each turn is a {@code POST /v1/responses} with {@code "stream":true}
 * whose server-sent events are decoded into the same {@link ResponseEvent}s as over WebSocket.
 * Each request is independent (the server keeps no connection state), so a turn without
 * {@code store:true} must carry the whole conversation. Used as the fallback when the server has
 * no WebSocket mode, and as the baseline in benchmarks.
 *
 * <p>The body is read as the subscriber asks for events ({@link SseEventStream}), as over
 * WebSocket. Errors before the stream (an HTTP error status) and the flat mid-stream
 * {@code error} event fail the turn with {@link ResponsesApiException}; a stream that ends or
 * breaks before a terminal event fails with {@link ConnectionClosedException}; no answer, or no
 * event while the subscriber waits, for the idle timeout fails with
 * {@link ResponsesTimeoutException}. Fields only WebSocket mode knows are not sent:
 * {@code stream_id}, and {@code generate:true}, which is what HTTP does anyway. A warm-up
 * ({@code generate:false}) is not sent at all, since HTTP would generate a full, billed answer
 * instead: it fails with {@link WarmupUnavailableException}. Thread-safe.
 */
public final class HttpResponsesTransport {

	private static final CreateResponseCodec CODEC = new CreateResponseCodec();

	private final HttpClient client;

	private final URI url;

	private final int maxEventSize;

	private final Duration idleTimeout;

	private final EventDecoder decoder = new EventDecoder();

	private final java.util.function.LongConsumer bytesSent;

	private final java.util.function.LongConsumer bytesReceived;

	/**
	 * Create a transport.
	 * @param httpClient the Reactor Netty client to send with
	 * @param baseUrl the API base URL, for example {@code https://api.openai.com/v1}
	 * @param headers the request headers, {@code Authorization} included
	 * @param maxEventSize the largest event accepted, in bytes
	 * @param idleTimeout the longest wait for the next event
	 */
	public HttpResponsesTransport(HttpClient httpClient, URI baseUrl, Map<String, String> headers, int maxEventSize,
			Duration idleTimeout) {
		this(httpClient, baseUrl, headers, maxEventSize, idleTimeout, (bytes) -> {
		}, (bytes) -> {
		});
	}

	/**
	 * Create a transport that reports the bytes it sends and receives.
	 * @param httpClient the Reactor Netty client to send with
	 * @param baseUrl the API base URL, for example {@code https://api.openai.com/v1}
	 * @param headers the request headers, {@code Authorization} included
	 * @param maxEventSize the largest event accepted, in bytes
	 * @param idleTimeout the longest wait for the next event
	 * @param bytesSent told the size of each request body
	 * @param bytesReceived told the size of each chunk of response body
	 */
	public HttpResponsesTransport(HttpClient httpClient, URI baseUrl, Map<String, String> headers, int maxEventSize,
			Duration idleTimeout, java.util.function.LongConsumer bytesSent,
			java.util.function.LongConsumer bytesReceived) {
		this.bytesSent = bytesSent;
		this.bytesReceived = bytesReceived;
		this.url = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/responses");
		this.maxEventSize = maxEventSize;
		this.idleTimeout = idleTimeout;
		Map<String, String> copy = new LinkedHashMap<>(headers);
		java.util.List<String> secrets = ConnectionSettings.secretValues(copy);
		this.client = httpClient.doOnChannelInit((observer, channel, address) -> {
			RedactingLoggingHandler.replaceIn(channel, secrets);
			ReadGate.addTo(channel);
		}).headers((request) -> {
			copy.forEach(request::set);
			request.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			request.set(HttpHeaderNames.ACCEPT, "text/event-stream");
		});
	}

	/**
	 * Run a turn. Nothing is sent until the returned flux is subscribed.
	 * @param request the request
	 * @return the turn's events, completing after the terminal event; failing with
	 * {@link WarmupUnavailableException}, nothing sent, for a request with {@code generate:false}
	 */
	public Flux<ResponseEvent> send(CreateResponse request) {
		if (Boolean.FALSE.equals(request.generate())) {
			return Flux.error(WarmupUnavailableException::new);
		}
		CreateResponse body = request.toBuilder().extra("stream_id", null).extra("generate", null).build();
		String json = CODEC.toHttpBody(body);
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return Flux.deferContextual((context) -> {
			Sinks.Empty<Void> answered = Sinks.empty();
			AtomicBoolean unanswered = new AtomicBoolean();
			Mono<Long> noAnswer = Mono.delay(this.idleTimeout)
				.takeUntilOther(answered.asMono())
				.switchIfEmpty(Mono.never())
				.doOnNext((tick) -> unanswered.set(true));
			return this.client.post()
				.uri(this.url)
				.send((httpRequest, outbound) -> {
					this.bytesSent.accept(bytes.length);
					SentBytes.report(context, bytes.length);
					return outbound.sendByteArray(Mono.just(bytes));
				})
				.responseConnection((response, connection) -> {
					answered.tryEmitEmpty();
					return events(response, connection);
				})
				.onErrorMap((error) -> !(error instanceof ResponsesException),
						(error) -> new TransportException("The request to " + this.url + " failed: " + error.getMessage(),
								error))
				// the body's reader times out between events; this covers the wait for the answer
				.takeUntilOther(noAnswer)
				.concatWith(Mono.defer(() -> unanswered.get()
						? Mono.error(new ResponsesTimeoutException("No answer to the turn", this.idleTimeout))
						: Mono.empty()));
		});
	}

	private Flux<ResponseEvent> events(HttpClientResponse response, Connection connection) {
		ByteBufFlux body = connection.inbound().receive();
		int status = response.status().code();
		if (status < 200 || status >= 300) {
			return body.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMapMany((text) -> Flux.error(apiError(status, text, response.responseHeaders())));
		}
		return new SseEventStream(body, connection, status, this.maxEventSize, this.idleTimeout, this.decoder,
				this.bytesReceived);
	}

	static ResponsesException apiError(int status, String body, HttpHeaders headers) {
		Map<String, String> limits = new LinkedHashMap<>();
		headers.forEach((header) -> {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			if (name.startsWith("x-ratelimit") || name.startsWith("retry-after") || name.equals("x-request-id")) {
				limits.put(name, header.getValue());
			}
		});
		try {
			JsonNode json = ProtocolJson.mapper().readTree(body);
			JsonNode error = (json != null) ? json.get("error") : null;
			if (error != null && error.isObject()) {
				return new ResponsesApiException(status,
						new ApiError(JsonValues.optionalString(error, "type"), JsonValues.optionalString(error, "code"),
								JsonValues.optionalString(error, "message"), JsonValues.optionalString(error, "param"),
								limits));
			}
		}
		catch (JacksonException | ProtocolDecodingException ex) {
			// not the API's error shape: reported with the raw body below
		}
		return new ResponsesApiException(status, new ApiError(null, null, excerpt(body), null, limits));
	}

	private static @Nullable String excerpt(String body) {
		if (body.isEmpty()) {
			return null;
		}
		return (body.length() > 200) ? body.substring(0, 200) + "..." : body;
	}

	/**
	 * Check that the server answers and accepts the key: {@code GET /models}, no model call.
	 * @return a {@code Mono} that completes on a 2xx answer and fails with
	 * {@link ResponsesApiException} otherwise, {@link TransportException} when unreachable
	 */
	public Mono<Void> probe() {
		URI models = URI.create(this.url.toString().replaceAll("/responses$", "/models"));
		return this.client.get()
			.uri(models)
			.responseSingle((response, body) -> {
				int status = response.status().code();
				if (status >= 200 && status < 300) {
					return Mono.<Void>empty();
				}
				return body.asString(StandardCharsets.UTF_8)
					.defaultIfEmpty("")
					.flatMap((text) -> Mono.<Void>error(apiError(status, text, response.responseHeaders())));
			})
			.onErrorMap((error) -> !(error instanceof ResponsesException),
					(error) -> new TransportException("The server at " + models + " is unreachable: " + error.getMessage(),
							error))
			.timeout(this.idleTimeout, Mono.error(() -> new ResponsesTimeoutException("No answer from " + models,
					this.idleTimeout)));
	}

	/**
	 * Return the URL requests are sent to.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

}
