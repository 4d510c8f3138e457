package dev.responsesws.autoconfigure;

import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import reactor.netty.http.client.HttpClient;

/**
 * Makes the Reactor Netty {@link HttpClient} the session connects with: on the event loops and
 * connection provider of the application's {@link ReactorResourceFactory} when there is one, and
 * secured by the SSL bundle named by {@code responses.ws.ssl.bundle} when it is set.
 */
final class ResponsesHttpClients {

	private static final boolean REACTOR_RESOURCE_FACTORY_PRESENT = ClassUtils.isPresent(
			"org.springframework.http.client.ReactorResourceFactory", ResponsesHttpClients.class.getClassLoader());

	private ResponsesHttpClients() {
	}

	/**
	 * Create the client, before the {@link ResponsesHttpClientCustomizer} beans apply.
	 * @param beanFactory where to find a {@link ReactorResourceFactory}
	 * @param sslBundle the SSL bundle's name, or {@code null} for the JVM's defaults
	 * @param sslBundles the application's SSL bundles
	 * @return the client
	 * @throws ResponsesWsConfigurationException if the SSL bundle does not exist
	 */
	static HttpClient create(ListableBeanFactory beanFactory, @Nullable String sslBundle,
			ObjectProvider<SslBundles> sslBundles) {
		HttpClient httpClient = REACTOR_RESOURCE_FACTORY_PRESENT ? SharedResources.create(beanFactory) : null;
		if (httpClient == null) {
			httpClient = HttpClient.create();
		}
		if (StringUtils.hasText(sslBundle)) {
			SslContext sslContext = sslContext(bundle(sslBundle, sslBundles.getIfAvailable()));
			httpClient = httpClient.secure((spec) -> spec.sslContext(sslContext));
		}
		return httpClient;
	}

	private static SslBundle bundle(String name, @Nullable SslBundles sslBundles) {
		if (sslBundles == null) {
			throw new ResponsesWsConfigurationException(
					"responses.ws.ssl.bundle is '" + name + "', but the application has no SSL bundles (no SslBundles bean).",
					"Define the bundle under spring.ssl.bundle (pem or jks) with Spring Boot's SSL auto-configuration "
							+ "active, or remove responses.ws.ssl.bundle.");
		}
		try {
			return sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			List<String> names = sslBundles.getBundleNames();
			throw new ResponsesWsConfigurationException(
					"responses.ws.ssl.bundle names the SSL bundle '" + name + "', which does not exist"
							+ (names.isEmpty() ? " (no bundle is defined)." : " (defined: " + String.join(", ", names) + ")."),
					"Define it, for example spring.ssl.bundle.pem." + name + ".truststore.certificate=classpath:ca.pem, "
							+ "or set responses.ws.ssl.bundle to the name of a defined bundle.");
		}
	}

	/** The bundle's trust and key material and its options as a Netty client context. */
	private static SslContext sslContext(SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		SslManagerBundle managers = bundle.getManagers();
		try {
			return SslContextBuilder.forClient()
				.keyManager(managers.getKeyManagerFactory())
				.trustManager(managers.getTrustManagerFactory())
				.ciphers(SslOptions.asSet(options.getCiphers()))
				.protocols(options.getEnabledProtocols())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("The SSL bundle cannot make a client context: " + ex.getMessage(), ex);
		}
	}

	/** Loaded only when Spring's {@link ReactorResourceFactory} is on the class path. */
	private static final class SharedResources {

		static @Nullable HttpClient create(ListableBeanFactory beanFactory) {
			ReactorResourceFactory resourceFactory = beanFactory.getBeanProvider(ReactorResourceFactory.class)
				.getIfUnique();
			if (resourceFactory == null) {
				return null;
			}
			return HttpClient.create(resourceFactory.getConnectionProvider())
				.runOn(resourceFactory.getLoopResources());
		}

	}

}
