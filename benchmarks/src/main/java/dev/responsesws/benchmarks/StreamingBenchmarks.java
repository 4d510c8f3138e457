package dev.responsesws.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.responsesws.client.event.OutputTextDeltaEvent;
import dev.responsesws.client.event.ResponseEvent;
import dev.responsesws.client.request.CreateResponse;
import dev.responsesws.client.request.InputMessage;
import dev.responsesws.client.session.ResponsesSession;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * One long answer over one connection from the {@link CannedTurnServer} in its own JVM: how many
 * delta events per second reach one subscriber that keeps up (part D), and how much the heap
 * grows while a slow subscriber reads a 1 GB answer (part F): demand-driven reading must hold the
 * server back through TCP flow control instead of buffering what the subscriber has not asked for.
 */
final class StreamingBenchmarks {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private StreamingBenchmarks() {
	}

	static Map<String, String> defaults() {
		return Map.of("deltas", "2000000", "streaming-runs", "9", "slow-bytes", String.valueOf(1L << 30), "slow-delta-chars",
				"4096");
	}

	/**
	 * Delta events per second to one subscriber.
	 * @param options {@code deltas} per answer, {@code streaming-runs}
	 * @return the rate of each run, events per second
	 */
	static List<Double> throughput(Map<String, String> options) {
		long deltas = Long.parseLong(options.get("deltas"));
		int runs = Integer.parseInt(options.get("streaming-runs"));
		List<Double> rates = new ArrayList<>();
		try (ServerHandle server = ServerHandle.start("--mode=canned", "--deltas=" + deltas, "--delta-chars=4");
				ResponsesSession session = session(server)) {
			for (int run = 0; run < runs + 1; run++) {
				long start = System.nanoTime();
				Long counted = session.create(request())
					.filter(OutputTextDeltaEvent.class::isInstance)
					.count()
					.block(TIMEOUT);
				double seconds = (System.nanoTime() - start) / 1e9;
				if (counted == null || counted != deltas) {
					throw new IllegalStateException("Expected " + deltas + " deltas, got " + counted);
				}
				if (run > 0) {
					rates.add(deltas / seconds);
					System.out.printf(Locale.ROOT, "streaming: %.0f delta events/s%n", deltas / seconds);
				}
			}
		}
		return rates;
	}

	/**
	 * Heap growth while a slow subscriber reads a long answer.
	 * @param options {@code slow-bytes} of answer, {@code slow-delta-chars} per delta
	 * @return the figures
	 */
	static SlowSubscriberResult slowSubscriber(Map<String, String> options) {
		int deltaChars = Integer.parseInt(options.get("slow-delta-chars"));
		long deltas = Long.parseLong(options.get("slow-bytes")) / deltaChars;
		try (ServerHandle server = ServerHandle.start("--mode=canned", "--deltas=" + deltas,
				"--delta-chars=" + deltaChars);
				ResponsesSession session = session(server)) {
			long baseline = Measure.settledHeap();
			AfterGcPeak afterGc = new AfterGcPeak();
			AtomicLong peakUsed = new AtomicLong();
			SlowSubscriber subscriber = new SlowSubscriber(peakUsed);
			long start = System.nanoTime();
			afterGc.start();
			try {
				session.create(request()).subscribe(subscriber);
				subscriber.done.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("The slow subscriber did not finish", ex);
			}
			finally {
				afterGc.stop();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			if (subscriber.deltas != deltas) {
				throw new IllegalStateException("Expected " + deltas + " deltas, got " + subscriber.deltas);
			}
			SlowSubscriberResult result = new SlowSubscriberResult(subscriber.bytes, seconds,
					Math.max(0, afterGc.peak() - baseline), Math.max(0, peakUsed.get() - baseline), afterGc.collections());
			System.out.println(result);
			return result;
		}
	}

	private static ResponsesSession session(ServerHandle server) {
		ResponsesSession session = ResponsesSession.builder()
			.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
			.allowCleartext(true)
			.connections(1, 1)
			.idleTimeout(Duration.ofMinutes(1))
			.build();
		session.connect().block(Duration.ofSeconds(30));
		return session;
	}

	private static CreateResponse request() {
		return CreateResponse.builder().model("simulated").store(false).input(InputMessage.user("go")).build();
	}

	/**
	 * What the slow subscriber saw.
	 * @param bytes the delta text it received
	 * @param seconds how long it took
	 * @param peakLiveGrowth the highest heap left after a collection during the stream, minus
	 * the settled heap before it
	 * @param peakUsedGrowth the highest heap in use, garbage included, minus the settled heap
	 * @param collections the collections during the stream
	 */
	record SlowSubscriberResult(long bytes, double seconds, long peakLiveGrowth, long peakUsedGrowth,
			long collections) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"slow subscriber: %.2f GB in %.1f s, peak live heap growth %.1f MB, peak used growth %.1f MB, %d collections",
					this.bytes / 1e9, this.seconds, this.peakLiveGrowth / 1048576.0, this.peakUsedGrowth / 1048576.0,
					this.collections);
		}

	}

	/** Asks for one event at a time and pauses 1 ms every 32 deltas: about 128 MB/s at 4 KB deltas. */
	private static final class SlowSubscriber extends BaseSubscriber<ResponseEvent> {

		final CompletableFuture<Void> done = new CompletableFuture<>();

		private final AtomicLong peakUsed;

		long deltas;

		long bytes;

		SlowSubscriber(AtomicLong peakUsed) {
			this.peakUsed = peakUsed;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(ResponseEvent event) {
			if (event instanceof OutputTextDeltaEvent delta) {
				this.deltas++;
				this.bytes += delta.delta().length();
				if (this.deltas % 32 == 0) {
					this.peakUsed.accumulateAndGet(Measure.heapUsed(), Math::max);
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
			request(1);
		}

		@Override
		protected void hookOnComplete() {
			this.done.complete(null);
		}

		@Override
		protected void hookOnError(Throwable error) {
			this.done.completeExceptionally(error);
		}

	}

	/** The highest heap left after any collection, from the collectors' notifications. */
	private static final class AfterGcPeak {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong collections = new AtomicLong();

		private final java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == java.lang.management.MemoryType.HEAP)
			.map(java.lang.management.MemoryPoolMXBean::getName)
			.collect(java.util.stream.Collectors.toSet());

		private final NotificationListener listener = (notification, handback) -> {
			if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				long used = 0;
				for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
					if (this.heapPools.contains(pool.getKey())) {
						used += pool.getValue().getUsed();
					}
				}
				this.peak.accumulateAndGet(used, Math::max);
				this.collections.incrementAndGet();
			}
		};

		void start() {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener(this.listener, null, null);
			}
		}

		void stop() {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				try {
					((NotificationEmitter) collector).removeNotificationListener(this.listener);
				}
				catch (javax.management.ListenerNotFoundException ex) {
					// already gone
				}
			}
		}

		long peak() {
			return this.peak.get();
		}

		long collections() {
			return this.collections.get();
		}

	}

}
