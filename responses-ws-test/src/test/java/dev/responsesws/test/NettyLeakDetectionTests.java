package dev.responsesws.test;

import java.time.Duration;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link NettyLeakDetection}, with a buffer leaked on purpose.
 */
class NettyLeakDetectionTests {

	private ResourceLeakDetector.Level previous = ResourceLeakDetector.Level.SIMPLE;

	@BeforeEach
	void enable() throws InterruptedException {
		this.previous = ResourceLeakDetector.getLevel();
		NettyLeakDetection.enable();
		NettyLeakDetection.forgetEarlierLeaks();
	}

	@AfterEach
	void restore() throws InterruptedException {
		NettyLeakDetection.forgetEarlierLeaks();
		ResourceLeakDetector.setLevel(this.previous);
	}

	@Test
	void collectLeaksReturnsTheLeakedBufferAndKeepsItForTheEndOfTheTest() throws InterruptedException {
		assertThat(NettyLeakDetection.collectLeaks()).isEmpty();
		leakOneBuffer();
		List<String> leaks = await().atMost(Duration.ofSeconds(10))
			.until(NettyLeakDetection::collectLeaks, (found) -> !found.isEmpty());
		assertThat(leaks).singleElement().asString().contains("leakOneBuffer");
		assertThat(NettyLeakDetection.collectLeaks()).isEqualTo(leaks);
	}

	@Test
	void collectLeaksFindsNoneWhenEveryBufferIsReleased() throws InterruptedException {
		ByteBufAllocator.DEFAULT.buffer(16).writeInt(1).release();
		assertThat(NettyLeakDetection.collectLeaks()).isEmpty();
	}

	private static void leakOneBuffer() {
		ByteBufAllocator.DEFAULT.buffer(16).writeInt(1);
	}

}
