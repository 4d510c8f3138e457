package dev.responsesws.client.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.OutputPlan;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How far the client reads ahead of a subscriber that takes one event at a time, then stops
 * asking, measured on the server: the simulator counts the bytes its sockets accepted, the
 * subscriber counts the bytes of the events it took, and the difference is what waits between the two, in the client and in
 * the socket buffers. The answer is made of 1 MiB deltas, each its own frame or server-sent event.
 *
 * <p>The bound asserted is the one the README states: one event held for the subscriber, plus
 * one socket read (Netty reads at most 16 buffers of up to 64 KiB in one go), plus the socket
 * buffers of both ends, kept small here so that they do not hide what the client holds.
 */
class ReadAheadTests {

	private static final int DELTA_SIZE = 1024 * 1024;

	private static final int DELTAS = 40;

	private static final int TAKEN_BEFORE_PAUSE = 5;

	private static final int SLOW_STEPS = 8;

	private static final int SOCKET_BUFFER = 64 * 1024;

	/** One held event (its delta and the event's own fields) and one socket read. */
	static final long CLIENT_BOUND = DELTA_SIZE + 4 * 1024 + 16 * 64 * 1024;

	/** Both socket buffers, which Linux doubles, and the segments in flight between them. */
	private static final long SOCKET_BOUND = 8L * SOCKET_BUFFER;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@ParameterizedTest
	@EnumSource(TransportMode.class)
	void pausedSubscriberStopsTheServerWithinTheStatedBound(TransportMode transport) {
		try (MockResponsesServer server = MockResponsesServer.builder().sendBufferSize(SOCKET_BUFFER).start();
				ResponsesSession session = ResponsesSession.builder()
					.baseUrl(server.httpBaseUrl())
					.transport(transport)
					.maxFrameSize(4 * DELTA_SIZE)
					.compression(false)
					.httpClient((client) -> client.option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER))
					.build()) {
			server.enqueue(OutputPlan.chunks(DELTAS, DELTA_SIZE).withoutFullText());
			PausingSubscriber subscriber = new PausingSubscriber();
			session.create(CreateResponse.builder().model("test-model").input(InputMessage.user("long")).build())
				.subscribe(subscriber);
			await("the first deltas").atMost(TIMEOUT).until(() -> subscriber.deltas.get() == TAKEN_BEFORE_PAUSE);
			// slow: one more event at a time, each once the server has been stopped by backpressure
			long mostAhead = 0;
			for (int step = 0; step < SLOW_STEPS; step++) {
				long events = subscriber.events.get();
				subscriber.request(1);
				await("the next event").atMost(TIMEOUT).until(() -> subscriber.events.get() > events);
				awaitServerStopped(server, Duration.ofMillis(200), Duration.ofMillis(200));
				mostAhead = Math.max(mostAhead, server.bytesWritten() - subscriber.bytes.get());
			}
			long writtenAtPause = server.bytesWritten();
			long takenAtPause = subscriber.deltas.get();
			// paused: at least 2 seconds, until the server has written nothing for a second
			awaitServerStopped(server, Duration.ofSeconds(2), Duration.ofSeconds(1));
			long written = server.bytesWritten();
			long ahead = written - subscriber.bytes.get();
			mostAhead = Math.max(mostAhead, ahead);
			System.out.printf("read-ahead transport=%s answer=%d bytes taken=%d written-during-pause=%d "
					+ "ahead-of-subscriber=%d most-ahead=%d bound=%d%n", transport, (long) DELTAS * DELTA_SIZE,
					subscriber.bytes.get(), written - writtenAtPause, ahead, mostAhead, CLIENT_BOUND + SOCKET_BOUND);
			assertThat(subscriber.deltas.get()).as("the subscriber took nothing more while paused").isEqualTo(takenAtPause);
			assertThat(mostAhead).as("bytes written by the server and not taken by the subscriber")
				.isLessThanOrEqualTo(CLIENT_BOUND + SOCKET_BOUND);
			subscriber.resume();
			await("the rest of the answer").atMost(TIMEOUT).until(() -> subscriber.finished.get() != null);
			assertThat(subscriber.error.get()).isNull();
			assertThat(subscriber.finished.get()).isEqualTo(SignalType.ON_COMPLETE);
			assertThat(subscriber.deltas.get()).isEqualTo(DELTAS);
			assertThat(subscriber.completed).isTrue();
		}
	}

	/** Wait until two readings of the server's written bytes, an interval apart, are equal. */
	private static void awaitServerStopped(MockResponsesServer server, Duration atLeast, Duration interval) {
		long[] last = { -1 };
		await("the server stopped by backpressure").pollDelay(atLeast)
			.pollInterval(interval)
			.atMost(TIMEOUT)
			.until(() -> {
				long written = server.bytesWritten();
				boolean stopped = written == last[0];
				last[0] = written;
				return stopped;
			});
	}

	/**
	 * Takes events one at a time until it has five deltas, then asks only when the test does,
	 * until resumed.
	 */
	private static final class PausingSubscriber extends BaseSubscriber<ResponseEvent> {

		final AtomicLong deltas = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		final AtomicLong events = new AtomicLong();

		final AtomicReference<SignalType> finished = new AtomicReference<>();

		final AtomicReference<Throwable> error = new AtomicReference<>();

		volatile boolean completed;

		private volatile boolean resumed;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(ResponseEvent event) {
			this.bytes.addAndGet(event.json().getBytes(StandardCharsets.UTF_8).length);
			this.events.incrementAndGet();
			if (event instanceof OutputTextDeltaEvent delta) {
				assertThat(delta.delta()).startsWith(this.deltas.get() + " ");
				this.deltas.incrementAndGet();
			}
			if (event instanceof ResponseCompletedEvent) {
				this.completed = true;
			}
			if (this.resumed || this.deltas.get() < TAKEN_BEFORE_PAUSE) {
				request(1);
			}
		}

		void resume() {
			this.resumed = true;
			request(1);
		}

		@Override
		protected void hookOnError(Throwable error) {
			this.error.set(error);
		}

		@Override
		protected void hookFinally(SignalType type) {
			this.finished.set(type);
		}

	}

}
