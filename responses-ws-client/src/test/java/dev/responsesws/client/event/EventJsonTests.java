package dev.responsesws.client.event;

import java.util.List;
import java.util.Map;

import dev.responsesws.client.error.ApiError;
import dev.responsesws.client.response.ContentPart;
import dev.responsesws.client.response.OutputItem;
import dev.responsesws.client.response.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing events back as the JSON the server sends, with {@link ResponseEvent#json()} and with an
 * application's own Jackson mapper, for every golden frame (see {@code src/test/resources/frames}).
 */
class EventJsonTests {

	/**
	 * Fields of the golden frames that the event records do not model, so {@code json()} does not
	 * write them: the padding against length side channels, and log probabilities (empty unless
	 * asked for with {@code include}).
	 */
	private static final List<String> NOT_MODELLED = List.of("obfuscation", "logprobs");

	/** An application mapper whose settings must not change how events are written. */
	private static final JsonMapper APPLICATION = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private final EventDecoder decoder = new EventDecoder();

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#names")
	void jsonDecodesToAnEqualEvent(String frame) {
		ResponseEvent event = this.decoder.decode(Frames.read(frame));
		assertThat(this.decoder.decode(event.json())).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#names")
	void jsonIsTheFrameWithoutTheFieldsTheRecordsDoNotModel(String frame) {
		ResponseEvent event = this.decoder.decode(Frames.read(frame));
		assertThat(Frames.parse(event.json())).isEqualTo(expectedTree(frame, event));
		assertThat(event.tree()).isEqualTo(Frames.parse(event.json()));
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#unknownNames")
	void unknownEventsAreWrittenAsTheTextTheyCameAs(String frame) {
		String json = Frames.read(frame);
		assertThat(this.decoder.decode(json).json()).isSameAs(json);
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#names")
	void jacksonWritesAnEventAsItsJson(String frame) {
		ResponseEvent event = this.decoder.decode(Frames.read(frame));
		assertThat(Frames.parse(JsonMapper.shared().writeValueAsString(event))).isEqualTo(event.tree());
		assertThat(Frames.parse(APPLICATION.writeValueAsString(event))).isEqualTo(event.tree());
		assertThat(APPLICATION.valueToTree(event).toString()).isEqualTo(event.tree().toString());
	}

	@Test
	void jacksonWritesEventsInsideOtherValuesAsTheirJson() {
		List<ResponseEvent> events = Frames.typedNames()
			.stream()
			.map((frame) -> this.decoder.decode(Frames.read(frame)))
			.toList();
		Forwarded forwarded = new Forwarded("browser-1", events.get(0), events);
		JsonNode written = Frames.parse(APPLICATION.writeValueAsString(forwarded));
		assertThat(written.get("Client").stringValue()).isEqualTo("browser-1");
		assertThat(written.get("Latest")).isEqualTo(events.get(0).tree());
		assertThat(written.get("Events")).hasSize(events.size());
		for (int i = 0; i < events.size(); i++) {
			assertThat(written.get("Events").get(i)).isEqualTo(events.get(i).tree());
		}
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#names")
	void isTerminalExactlyForTerminalEvents(String frame) {
		ResponseEvent event = this.decoder.decode(Frames.read(frame));
		assertThat(event.isTerminal()).isEqualTo(event instanceof TerminalEvent);
		assertThat(event instanceof TerminalEvent)
			.isEqualTo(event instanceof ResponseTerminalEvent || event instanceof ErrorEvent);
	}

	@ParameterizedTest
	@MethodSource("dev.responsesws.client.event.Frames#typedNames")
	void responsesItemsAndPartsAreWrittenAsTheJsonTheyCameAs(String frame) {
		ObjectNode tree = Frames.tree(frame);
		ResponseEvent event = this.decoder.decode(Frames.read(frame));
		if (event instanceof ResponseLifecycleEvent lifecycle) {
			Response response = lifecycle.response();
			assertWrittenAsReceived(response.json(), response, tree.get("response"));
			assertThat(Response.fromJson(response.json())).isEqualTo(response);
			assertThat(Response.fromTree(response.tree())).isEqualTo(response);
			for (int i = 0; i < response.output().size(); i++) {
				OutputItem item = response.output().get(i);
				assertWrittenAsReceived(item.json(), item, tree.get("response").get("output").get(i));
				assertThat(OutputItem.fromJson(item.json())).isEqualTo(item);
			}
		}
		OutputItem item = (event instanceof OutputItemAddedEvent added) ? added.item()
				: (event instanceof OutputItemDoneEvent done) ? done.item() : null;
		if (item != null) {
			assertWrittenAsReceived(item.json(), item, tree.get("item"));
			assertThat(OutputItem.fromJson(item.json())).isEqualTo(item);
			assertThat(OutputItem.fromTree(item.tree())).isEqualTo(item);
		}
		ContentPart part = (event instanceof ContentPartAddedEvent added) ? added.part()
				: (event instanceof ContentPartDoneEvent done) ? done.part() : null;
		if (part != null) {
			assertWrittenAsReceived(part.json(), part, tree.get("part"));
			assertThat(ContentPart.fromJson(part.json())).isEqualTo(part);
			assertThat(ContentPart.fromTree(part.tree())).isEqualTo(part);
		}
	}

	@Test
	void eventsBuiltByTheApplicationLeaveOutWhatTheyDoNotHave() {
		OutputTextDeltaEvent delta = new OutputTextDeltaEvent(ResponseEvent.NO_SEQUENCE_NUMBER, null, null, 0, 2,
				"Hi");
		assertThat(delta.json()).isEqualTo(
				"{\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":2,\"delta\":\"Hi\"}");
		assertThat(this.decoder.decode(delta.json())).isEqualTo(delta);
		FunctionCallArgumentsDoneEvent done = new FunctionCallArgumentsDoneEvent(4, "lane-1", "fc_1", 1, null, "{}");
		assertThat(done.json()).isEqualTo("{\"type\":\"response.function_call_arguments.done\",\"sequence_number\":4,"
				+ "\"stream_id\":\"lane-1\",\"item_id\":\"fc_1\",\"output_index\":1,\"arguments\":\"{}\"}");
		assertThat(this.decoder.decode(done.json())).isEqualTo(done);
	}

	@Test
	void errorsWithoutStatusTypeOrHeadersAreWrittenInTheFlatForm() {
		ErrorEvent flat = new ErrorEvent(3, null, null, new ApiError(null, "server_error", "Sorry", null, Map.of()));
		assertThat(flat.json()).isEqualTo("{\"type\":\"error\",\"sequence_number\":3,\"code\":\"server_error\","
				+ "\"message\":\"Sorry\",\"param\":null}");
		ErrorEvent envelope = new ErrorEvent(ResponseEvent.NO_SEQUENCE_NUMBER, "lane-1", 429,
				new ApiError("tokens", "rate_limit_exceeded", "Slow down", null, Map.of("retry-after", "2")));
		assertThat(envelope.json()).isEqualTo("{\"type\":\"error\",\"stream_id\":\"lane-1\",\"status\":429,\"error\":"
				+ "{\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\",\"param\":null,"
				+ "\"headers\":{\"retry-after\":\"2\"}}}");
		assertThat(this.decoder.decode(flat.json())).isEqualTo(flat);
		assertThat(this.decoder.decode(envelope.json())).isEqualTo(envelope);
	}

	private static void assertWrittenAsReceived(String json, Object value, JsonNode received) {
		assertThat(Frames.parse(json)).isEqualTo(received);
		assertThat(Frames.parse(JsonMapper.shared().writeValueAsString(value))).isEqualTo(received);
		assertThat(Frames.parse(APPLICATION.writeValueAsString(value))).isEqualTo(received);
	}

	/**
	 * The frame's tree without the fields the records do not model, and with the error headers
	 * as strings, which is how {@link ApiError#headers()} holds them.
	 */
	private static JsonNode expectedTree(String frame, ResponseEvent event) {
		ObjectNode expected = Frames.tree(frame);
		if (event instanceof UnknownEvent) {
			return expected;
		}
		expected.remove(NOT_MODELLED);
		JsonNode headers = expected.path("error").path("headers");
		if (headers instanceof ObjectNode object) {
			object.properties().forEach((header) -> object.put(header.getKey(), header.getValue().asString()));
		}
		return expected;
	}

	/**
	 * A value an application might send to a browser, holding events.
	 * @param client the client
	 * @param latest the latest event
	 * @param events all events
	 */
	record Forwarded(String client, @Nullable ResponseEvent latest, List<ResponseEvent> events) {
	}

}
