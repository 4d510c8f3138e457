package dev.responsesws.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.responsesws.test.MockResponsesServer;
import dev.responsesws.test.MockResponsesServerExtension;
import dev.responsesws.test.NettyLeakDetection;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a {@link WebSocketConnection} while its channel closes, as a pool that retires a
 * connection the server is dropping does, completes and leaks no close frame.
 */
@ExtendWith(NettyLeakDetection.class)
class WebSocketConnectionCloseLeakTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final MockResponsesServerExtension simulator = new MockResponsesServerExtension();

	@Test
	void closeRequestedAsTheChannelClosesLeaksNoCloseFrame(MockResponsesServer server) throws Exception {
		AtomicReference<Channel> channel = new AtomicReference<>();
		WebSocketConnection connection = WebSocketConnection
			.connect(HttpClient.create().doOnConnected((connected) -> channel.set(connected.channel())),
					WebSocketConnectionTests.settings(server.webSocketUrl(), "sk-test", Duration.ofSeconds(5)), "test",
					ConnectionListener.NONE)
			.block(TIMEOUT);
		assertThat(connection).isNotNull();
		Channel open = channel.get();
		CompletableFuture<Mono<Void>> closing = new CompletableFuture<>();
		// the close is asked for while the channel closes, so it is carried out once the channel
		// has left its event loop
		open.eventLoop().execute(() -> {
			open.close();
			closing.complete(connection.close(1000, "retired"));
		});
		closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).block(TIMEOUT);
		await().atMost(TIMEOUT).until(() -> !open.isRegistered());
		assertThat(connection.isOpen()).isFalse();
	}

}
