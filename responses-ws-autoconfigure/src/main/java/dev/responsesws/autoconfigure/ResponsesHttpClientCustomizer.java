package dev.responsesws.autoconfigure;

import reactor.netty.http.client.HttpClient;

/**
 * Customizes the Reactor Netty {@link HttpClient} the auto-configured session connects with
 * (proxy, TLS trust, wire logging, resources).
 */
@FunctionalInterface
public interface ResponsesHttpClientCustomizer {

	/**
	 * Customize the client.
	 * @param httpClient the client
	 * @return the customized client
	 */
	HttpClient customize(HttpClient httpClient);

}
