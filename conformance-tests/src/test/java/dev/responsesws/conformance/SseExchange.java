package dev.responsesws.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code POST /v1/responses} over a real socket with the JDK's HTTP client, its body split
 * into server-sent events as they arrived.
 */
final class SseExchange {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SseExchange() {
	}

	static Result post(URI baseUrl, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/responses"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		List<Event> events = new ArrayList<>();
		for (String block : response.body().split("\n\n")) {
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).stripLeading());
				}
			}
			if (data.length() > 0) {
				events.add(new Event(name, data.toString()));
			}
		}
		return new Result(response.statusCode(), response.body(), events);
	}

	record Event(String name, String data) {
	}

	record Result(int status, String body, List<Event> events) {
	}

}
