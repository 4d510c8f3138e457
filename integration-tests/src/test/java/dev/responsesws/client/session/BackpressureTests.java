package dev.responsesws.client.session;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseCompletedEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.OutputPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that requests slowly while the simulator streams about 200 MB of deltas: every
 * event arrives in order, and the client's heap does not grow with the stream.
 */
class BackpressureTests {

	private static final long DELTAS = 1_400_000;

	private static final long PAUSE_EVERY = 200_000;

	private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	private static MockResponsesServer server;

	@Test
	void slowSubscriberGetsEveryEventInOrderWithBoundedMemory() throws InterruptedException {
		try (ResponsesSession session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build()) {
			session.execute(request()).block(Duration.ofSeconds(10));
			long baseline = usedHeapAfterGc();
			server.enqueue(OutputPlan.tokens(DELTAS).withoutFullText());
			SlowSubscriber subscriber = new SlowSubscriber();
			session.create(request()).publishOn(Schedulers.single(), 256).subscribe(subscriber);
			while (!subscriber.done.await(50, TimeUnit.MILLISECONDS)) {
				if (subscriber.pauseRequested) {
					long g = usedHeapAfterGc() - baseline;
					subscriber.heapAtPauses.add(g);
					if (g > 32L * 1024 * 1024) {
						try {
							Process p = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true).start();
							String out = new String(p.getInputStream().readAllBytes());
							System.out.println("HISTO\n" + out.lines().limit(30).collect(java.util.stream.Collectors.joining("\n")));
						} catch (Exception e) { e.printStackTrace(); }
					}
					subscriber.resume();
				}
				assertThat(subscriber.elapsedMillis()).as("the stream ended within the test's timeout").isLessThan(180_000);
			}
			assertThat(subscriber.error.get()).isNull();
			assertThat(subscriber.deltas).isEqualTo(DELTAS);
			assertThat(subscriber.outOfOrder).isZero();
			assertThat(subscriber.completed).isTrue();
			assertThat(subscriber.bytes).as("about 200 MB streamed").isGreaterThan(150L * 1024 * 1024);
			System.out.println("Heap growth at pauses (bytes): " + subscriber.heapAtPauses);
			assertThat(subscriber.heapAtPauses).hasSizeGreaterThanOrEqualTo(5)
				.allSatisfy((growth) -> assertThat(growth).isLessThan(MAX_HEAP_GROWTH));
		}
	}

	private static CreateResponse request() {
		return CreateResponse.builder().model("test-model").input(InputMessage.user("stream")).build();
	}

	/**
	 * The smallest of a few measurements, each right after a collection: what is retained stays
	 * while the subscriber is paused, whereas garbage that other threads allocate between a
	 * collection and the reading comes and goes.
	 */
	private static long usedHeapAfterGc() {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	/**
	 * Requests 1,000 events at a time and stops asking after every 200,000 until the test has
	 * measured the heap, while the server keeps wanting to send.
	 */
	private static final class SlowSubscriber extends BaseSubscriber<ResponseEvent> {

		final CountDownLatch done = new CountDownLatch(1);

		final AtomicReference<Throwable> error = new AtomicReference<>();

		final List<Long> heapAtPauses = new ArrayList<>();

		private final long start = System.nanoTime();

		volatile boolean pauseRequested;

		long deltas;

		long bytes;

		long outOfOrder;

		boolean completed;

		private long expectedSequence;

		private long granted;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			grant();
		}

		@Override
		protected void hookOnNext(ResponseEvent event) {
			if (event.sequenceNumber() != this.expectedSequence++) {
				this.outOfOrder++;
			}
			if (event instanceof OutputTextDeltaEvent delta) {
				this.deltas++;
				this.bytes += 130 + delta.delta().length();
				if (this.deltas % PAUSE_EVERY == 0) {
					this.pauseRequested = true;
				}
			}
			if (event instanceof ResponseCompletedEvent) {
				this.completed = true;
			}
			if (--this.granted == 0 && !this.pauseRequested) {
				grant();
			}
		}

		void resume() {
			this.pauseRequested = false;
			Schedulers.single().schedule(() -> {
				if (this.granted == 0) {
					grant();
				}
			});
		}

		private void grant() {
			this.granted = 1000;
			request(1000);
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			this.error.set(throwable);
		}

		@Override
		protected void hookFinally(reactor.core.publisher.SignalType type) {
			this.done.countDown();
		}

		long elapsedMillis() {
			return (System.nanoTime() - this.start) / 1_000_000;
		}

	}

}
