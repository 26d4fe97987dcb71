package io.graphium.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach the schema registry: its base URL, optional HTTP basic credentials, and an optional trust store for a
 * registry served over TLS with a certificate the JVM does not trust by default. The one place both registry
 * clients (the Apicurio serde and {@link SchemaRegistrar}) take their settings from ({@code graphium.kafka.registry-url}
 * and {@code graphium.kafka.registry.*}).
 *
 * @param url                base URL, e.g. {@code https://registry:8443}
 * @param username           basic-auth user name, or null for none
 * @param password           basic-auth password (never logged: {@link #toString()} hides it)
 * @param trustStoreLocation path of a trust store (JKS or PKCS12), or null for the JVM's default trust
 * @param trustStorePassword its password, or null
 * @param trustStoreType     {@code JKS} (default) or {@code PKCS12}
 */
public record RegistryClient(String url, String username, String password, String trustStoreLocation,
                             String trustStorePassword, String trustStoreType) {

    public RegistryClient {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("graphium.kafka.registry-url is not set: give the schema registry's "
                    + "base URL, e.g. http://127.0.0.1:8081");
        }
        username = blankToNull(username);
        password = blankToNull(password);
        trustStoreLocation = blankToNull(trustStoreLocation);
        trustStorePassword = blankToNull(trustStorePassword);
        trustStoreType = blankToNull(trustStoreType) == null ? "JKS" : trustStoreType;
        if (username != null && password == null) {
            throw new IllegalArgumentException("graphium.kafka.registry.username is set but "
                    + "graphium.kafka.registry.password is not");
        }
    }

    /** A registry without credentials, trusted by the JVM's defaults (plain HTTP in tests and dev mode). */
    public static RegistryClient at(String url) {
        return new RegistryClient(url, null, null, null, null, null);
    }

    /** The registry's base URL with Apicurio's v2 API path, what the serde and {@link SchemaRegistrar} call. */
    public String apiUrl() {
        return EventSerialization.apicurioApiUrl(url);
    }

    /** The serde's own keys for credentials and trust ({@code apicurio.registry.auth.*}, {@code apicurio.registry.tls.*}). */
    Map<String, Object> serdeSecurity() {
        Map<String, Object> config = new HashMap<>();
        if (username != null) {
            config.put(SchemaResolverConfig.AUTH_USERNAME, username);
            config.put(SchemaResolverConfig.AUTH_PASSWORD, password);
        }
        if (trustStoreLocation != null) {
            config.put(SchemaResolverConfig.TLS_TRUSTSTORE_LOCATION, trustStoreLocation);
            config.put(SchemaResolverConfig.TLS_TRUSTSTORE_TYPE, trustStoreType);
            if (trustStorePassword != null) {
                config.put(SchemaResolverConfig.TLS_TRUSTSTORE_PASSWORD, trustStorePassword);
            }
        }
        return config;
    }

    /** The {@code Authorization} header value for basic auth, when credentials are set. */
    Optional<String> authorization() {
        return username == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A JDK HTTP client that trusts what this client is told to trust. */
    HttpClient httpClient(Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (trustStoreLocation != null) {
            builder.sslContext(sslContext());
        }
        return builder.build();
    }

    private SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(Path.of(trustStoreLocation))) {
            KeyStore store = KeyStore.getInstance(trustStoreType);
            store.load(in, trustStorePassword == null ? null : trustStorePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry trust store " + trustStoreLocation, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the registry trust store " + trustStoreLocation + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RegistryClient[url=" + url + ", username=" + username + ", password=" + (password == null ? "none"
                : "(hidden)") + ", trustStore=" + trustStoreLocation + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
