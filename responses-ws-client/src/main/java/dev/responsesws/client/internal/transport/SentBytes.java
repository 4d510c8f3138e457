package dev.responsesws.client.internal.transport;

import java.util.function.LongConsumer;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Tells a turn's subscriber the size of each request the transports write for it, through the
 * Reactor context of the subscription: a caller that counts what its turns cost puts a
 * consumer in with {@link #into(Context, LongConsumer)}.
 */
public final class SentBytes {

	private static final Class<SentBytes> KEY = SentBytes.class;

	private SentBytes() {
	}

	/**
	 * Add a consumer of request sizes to a context.
	 * @param context the subscriber's context
	 * @param sizes told the size of each request, in bytes before compression
	 * @return the context with the consumer
	 */
	public static Context into(Context context, LongConsumer sizes) {
		return context.put(KEY, sizes);
	}

	/**
	 * Tell the context's consumer, if there is one, the size of a request.
	 * @param context the context of the turn's subscriber
	 * @param bytes the size, before compression
	 */
	static void report(ContextView context, long bytes) {
		context.<LongConsumer>getOrEmpty(KEY).ifPresent((sizes) -> sizes.accept(bytes));
	}

}
