package dev.responsesws.test;

import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

/**
 * Plans enqueued by a test, used in order before the responder is asked.
 */
final class PlanQueue {

	private final ConcurrentLinkedQueue<OutputPlan> plans = new ConcurrentLinkedQueue<>();

	void add(OutputPlan plan) {
		this.plans.add(plan);
	}

	@Nullable OutputPlan poll() {
		return this.plans.poll();
	}

	void clear() {
		this.plans.clear();
	}

}
