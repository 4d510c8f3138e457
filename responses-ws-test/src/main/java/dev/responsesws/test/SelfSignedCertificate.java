package dev.responsesws.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A certificate for {@code localhost} and {@code 127.0.0.1}, made at run time with the JDK's
 * {@code keytool} and trusted by nothing but the contexts this class builds. It lets tests and
 * benchmarks run the simulator with TLS on and hostname verification left on:
 *
 * <pre class="code">
 * SelfSignedCertificate certificate = SelfSignedCertificate.create();
 * MockResponsesServer server = MockResponsesServer.builder().tls(certificate.serverContext()).start();
 * ResponsesSession session = ResponsesSession.builder()
 *     .baseUrl(server.httpBaseUrl().toString())
 *     .httpClient((client) -&gt; client.secure((spec) -&gt; spec.sslContext(certificate.clientContext())))
 *     .build();
 * </pre>
 */
public final class SelfSignedCertificate {

	private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

	private final KeyStore keyStore;

	private final char[] password;

	private SelfSignedCertificate(KeyStore keyStore, char[] password) {
		this.keyStore = keyStore;
		this.password = password;
	}

	/**
	 * Make a new EC P-256 key pair and a certificate for {@code localhost} and {@code 127.0.0.1}
	 * valid for two days, kept in memory only.
	 * @return the certificate
	 * @throws IllegalStateException if {@code keytool} fails or does not finish within 60 seconds
	 */
	public static SelfSignedCertificate create() {
		return inMemory("CN=localhost", "dns:localhost,ip:127.0.0.1");
	}

	/**
	 * Make a new EC P-256 key pair and a certificate valid for two days for another host name
	 * only, kept in memory: a client that trusts it must still refuse it on {@code 127.0.0.1},
	 * which is how tests show that hostname verification is on.
	 * @param hostName the DNS name the certificate is for
	 * @return the certificate
	 * @throws IllegalStateException if {@code keytool} fails or does not finish within 60 seconds
	 */
	public static SelfSignedCertificate forHost(String hostName) {
		return inMemory("CN=" + hostName, "dns:" + hostName);
	}

	private static SelfSignedCertificate inMemory(String distinguishedName, String subjectAlternativeNames) {
		char[] password = UUID.randomUUID().toString().toCharArray();
		@Nullable Path directory = null;
		try {
			directory = Files.createTempDirectory("responses-ws-tls");
			return generate(directory.resolve("certificate.p12"), password, distinguishedName,
					subjectAlternativeNames);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(directory);
		}
	}

	/**
	 * Make a new EC P-256 key pair and a certificate valid for two days, and keep them in a
	 * PKCS12 key store file, so that another process can {@link #load(Path, char[]) load} them.
	 * @param keyStore the file to write; it must not exist
	 * @param password the password of the key store and of its key
	 * @return the certificate
	 * @throws IllegalStateException if {@code keytool} fails or does not finish within 60 seconds
	 */
	public static SelfSignedCertificate create(Path keyStore, char[] password) {
		return generate(keyStore, password, "CN=localhost", "dns:localhost,ip:127.0.0.1");
	}

	private static SelfSignedCertificate generate(Path keyStore, char[] password, String distinguishedName,
			String subjectAlternativeNames) {
		try {
			Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
					"-genkeypair", "-alias", "certificate", "-keyalg", "EC", "-groupname", "secp256r1", "-validity",
					"2", "-dname", distinguishedName, "-ext", "san=" + subjectAlternativeNames, "-storetype", "PKCS12",
					"-keystore", keyStore.toString(), "-storepass", new String(password), "-keypass",
					new String(password))
				.redirectErrorStream(true)
				.start();
			if (!keytool.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				keytool.destroyForcibly();
				throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT);
			}
			String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (keytool.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			return load(keyStore, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Load a certificate written by {@link #create(Path, char[])}.
	 * @param keyStore the PKCS12 key store file
	 * @param password its password
	 * @return the certificate
	 */
	public static SelfSignedCertificate load(Path keyStore, char[] password) {
		try (InputStream input = Files.newInputStream(keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(input, password);
			return new SelfSignedCertificate(store, password.clone());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a Netty server context for {@link MockResponsesServer.Builder#tls(SslContext)}.
	 * @return the server context
	 */
	public SslContext serverContext() {
		try {
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(this.keyStore, this.password);
			return SslContextBuilder.forServer(keyManagers).build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a Netty client context that trusts this certificate and nothing else.
	 * @return the client context
	 */
	public SslContext clientContext() {
		try {
			return SslContextBuilder.forClient().trustManager(trustManager()).build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a JDK context that trusts this certificate and nothing else, for clients not built
	 * on Netty.
	 * @return the JDK context
	 */
	public SSLContext jdkClientContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trustManager() }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a trust manager that trusts this certificate and nothing else.
	 * @return the trust manager
	 */
	public X509TrustManager trustManager() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(this.keyStore);
			return Arrays.stream(factory.getTrustManagers())
				.filter(X509TrustManager.class::isInstance)
				.map(X509TrustManager.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No X509 trust manager"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// a temporary file left behind is harmless
		}
	}

}
