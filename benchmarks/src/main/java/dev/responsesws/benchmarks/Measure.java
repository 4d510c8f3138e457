package dev.responsesws.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the harness reads from the JVM: CPU time, heap and percentiles.
 */
final class Measure {

	private Measure() {
	}

	/**
	 * Return the CPU time this JVM has used, all threads together, garbage collection and JIT
	 * compilation included. Linux counts it in 10 ms ticks, so read it over long intervals.
	 * @return nanoseconds
	 */
	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		throw new IllegalStateException("This JVM does not report process CPU time");
	}

	/**
	 * Return the CPU time the live Java threads of this JVM have used, summed: the work of the
	 * application and its libraries without garbage collection and JIT compilation. Each
	 * thread's time comes from a nanosecond clock; a thread that ends between two readings takes
	 * its time with it.
	 * @return nanoseconds
	 */
	static long javaThreadsCpuNanos() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
			long total = 0;
			for (long nanos : threads.getThreadCpuTime(threads.getAllThreadIds())) {
				total += Math.max(0, nanos);
			}
			return total;
		}
		throw new IllegalStateException("This JVM does not report thread CPU time");
	}

	/**
	 * Collect garbage until the used heap stops shrinking, then return it.
	 * @return the live heap in bytes
	 */
	static long settledHeap() {
		long previous = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long used = heapUsed();
			if (used >= previous - (previous / 200)) {
				return Math.min(used, previous);
			}
			previous = used;
		}
		return heapUsed();
	}

	/**
	 * Return the used heap, garbage included.
	 * @return bytes
	 */
	static long heapUsed() {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		return heap.getUsed();
	}

	/**
	 * Return a percentile, nearest rank.
	 * @param values the values, in any order
	 * @param percentile the percentile, 0 to 100
	 * @return the value
	 */
	static double percentile(List<Double> values, double percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	/**
	 * Return a percentile of nanosecond samples, nearest rank.
	 * @param sortedNanos the samples, sorted
	 * @param percentile the percentile, 0 to 100
	 * @return the value in microseconds
	 */
	static double percentileMicros(long[] sortedNanos, double percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1000.0;
	}

}
