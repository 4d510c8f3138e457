package dev.responsesws.client.session;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
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
		try (LiveHeap liveHeap = new LiveHeap();
				ResponsesSession session = ResponsesSession.builder().baseUrl(server.httpBaseUrl()).build()) {
			session.execute(request()).block(Duration.ofSeconds(10));
			long baseline = liveHeap.measure();
			server.enqueue(OutputPlan.tokens(DELTAS).withoutFullText());
			SlowSubscriber subscriber = new SlowSubscriber();
			session.create(request()).publishOn(Schedulers.single(), 256).subscribe(subscriber);
			while (!subscriber.done.await(50, TimeUnit.MILLISECONDS)) {
				if (subscriber.pauseRequested) {
					subscriber.heapAtPauses.add(liveHeap.measure() - baseline);
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
	 * The heap that full collections run by {@link System#gc()} leave, as the collector reports it.
	 *
	 * <p>On HotSpot (17) {@code System.gc()} may return without collecting: the full collection
	 * is skipped while another thread is in a JNI critical region, and {@code java.util.zip}'s
	 * deflater and inflater enter one for every frame that permessage-deflate compresses or
	 * inflates, on the simulator's and on the client's event loops, which still run for a moment
	 * after the subscriber pauses. The heap's used size after such a call counts the stream's
	 * garbage too, up to the whole young generation. So only the collections that the collector
	 * reports as full ones caused by {@code System.gc()} count, with the heap they left behind,
	 * which allocations after the collection cannot blur either.
	 */
	private static final class LiveHeap implements NotificationListener, AutoCloseable {

		private static final int MEASUREMENTS = 3;

		private static final int MAX_ATTEMPTS = 50;

		private static final String EXPLICIT_CAUSE = "System.gc()";

		private static final String YOUNG_COLLECTION = "end of minor GC";

		private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());

		private final BlockingQueue<Long> heapAfterFullCollections = new LinkedBlockingQueue<>();

		LiveHeap() {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener(this, null, null);
			}
		}

		@Override
		public void handleNotification(Notification notification, Object handback) {
			if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				return;
			}
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			if (!EXPLICIT_CAUSE.equals(info.getGcCause()) || YOUNG_COLLECTION.equals(info.getGcAction())) {
				return;
			}
			long used = 0;
			for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
				if (this.heapPools.contains(pool.getKey())) {
					used += pool.getValue().getUsed();
				}
			}
			this.heapAfterFullCollections.add(used);
		}

		/**
		 * The smallest heap that a few full collections left: what is retained stays while the
		 * subscriber is paused, whereas what is on its way through the pipeline when a collection
		 * runs comes and goes. A call that the collector skipped is tried again.
		 * @return the heap in bytes
		 * @throws InterruptedException if interrupted while waiting for the collector's report
		 */
		long measure() throws InterruptedException {
			this.heapAfterFullCollections.clear();
			long least = Long.MAX_VALUE;
			int measured = 0;
			for (int attempt = 0; attempt < MAX_ATTEMPTS && measured < MEASUREMENTS; attempt++) {
				System.gc();
				Long used = this.heapAfterFullCollections.poll(1, TimeUnit.SECONDS);
				if (used != null) {
					least = Math.min(least, used);
					measured++;
				}
			}
			assertThat(measured).as("full collections run by System.gc() out of %d calls", MAX_ATTEMPTS)
				.isEqualTo(MEASUREMENTS);
			return least;
		}

		@Override
		public void close() {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				try {
					((NotificationEmitter) collector).removeNotificationListener(this);
				}
				catch (ListenerNotFoundException ex) {
					// not registered
				}
			}
		}

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
