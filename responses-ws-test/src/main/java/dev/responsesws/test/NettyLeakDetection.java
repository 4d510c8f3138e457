package dev.responsesws.test;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Paranoid leak detection of Netty buffers, turning a leak report into a test failure rather
 * than a log line: every buffer is tracked, and after each test the garbage is collected and any
 * buffer that was never released fails the test. Use it with
 * {@code @ExtendWith(NettyLeakDetection.class)}; it slows allocation down, so use it on the tests
 * that exercise buffer ownership.
 */
public final class NettyLeakDetection
		implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	private ResourceLeakDetector.Level previous = ResourceLeakDetector.Level.SIMPLE;

	/**
	 * Create the extension; JUnit does it.
	 */
	public NettyLeakDetection() {
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.previous = ResourceLeakDetector.getLevel();
		enable();
	}

	/**
	 * Go back to the detection level from before the test class: tracking every buffer slows
	 * the tests that follow in the same JVM down.
	 */
	@Override
	public void afterAll(ExtensionContext context) {
		ResourceLeakDetector.setLevel(this.previous);
	}

	@Override
	public void beforeEach(ExtensionContext context) throws InterruptedException {
		forgetEarlierLeaks();
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		assertNoLeaks();
	}

	/** Track every buffer and record the leaks that the detector reports. */
	static synchronized void enable() {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			// Netty keeps the one detector of all byte buffers in an internal field.
			Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
			field.setAccessible(true);
			ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
			detector.setLeakListener((resourceType, records) -> leaks.add(resourceType + records));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot listen to Netty's leak detector", ex);
		}
	}

	/**
	 * Collect garbage, make the detector report what it found, and return the leaks reported
	 * since the current test started, so that a test can count them in its own report. The leaks
	 * are kept: the test still fails on them when it ends. Buffers that are still referenced are
	 * not found, so call it once the resources that could hold them are closed. Only leaks
	 * found while the extension is registered are recorded.
	 * @return a description of each leaked buffer, with where it was last accessed; empty when
	 * none leaked
	 * @throws InterruptedException if interrupted while waiting for the garbage collector
	 */
	public static List<String> collectLeaks() throws InterruptedException {
		reportCollectedLeaks();
		return List.copyOf(leaks);
	}

	/**
	 * Forget the leaks of earlier tests in this JVM, so that a test fails only for its own.
	 */
	static void forgetEarlierLeaks() throws InterruptedException {
		reportCollectedLeaks();
		leaks.clear();
	}

	/**
	 * Collect garbage, make the detector report what it found and fail on any leak.
	 */
	static void assertNoLeaks() throws InterruptedException {
		reportCollectedLeaks();
		List<String> found = List.copyOf(leaks);
		leaks.clear();
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " leaked buffers: " + found);
		}
	}

	private static void reportCollectedLeaks() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(20);
			// The detector reports the leaks it found when it tracks a new buffer.
			ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
			probe.release();
		}
	}

}
