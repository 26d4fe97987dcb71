package io.graphium.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A real single-node KRaft Kafka broker running as a plain process, started and stopped by
 * {@code infra/bin/kafka}; its own temporary state directory and free ports. Topics are not created
 * automatically: create them (AdminClient) as the services do.
 *
 * <pre>{@code
 * try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start()) {
 *     String bootstrap = kafka.bootstrapServers(); // 127.0.0.1:PORT
 * }
 * }</pre>
 *
 * {@link #startSecure()} starts one that only speaks SASL_SSL (SCRAM-SHA-512 over TLS, a certificate of its own CA)
 * with the KRaft {@code StandardAuthorizer}, {@code allow.everyone.if.no.acl.found=false} and {@code User:admin} as
 * the only super user: create a user per principal with {@link #createUser}, connect with {@link #clientSettings}.
 */
public final class KafkaBrokerProcess extends ScriptedProcess {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Object SHARED_LOCK = new Object();
    private static KafkaBrokerProcess shared;

    private KafkaBrokerProcess(Started started) {
        super(started);
    }

    /** Starts a new broker on free loopback ports; {@link #close()} stops it and deletes its data. */
    public static KafkaBrokerProcess start() {
        return launch(LOOPBACK, false);
    }

    /**
     * Starts a new broker that listens on, and advertises, {@code host}: an address of this machine that the
     * clients can reach (e.g. the testbed gateway), on free ports.
     */
    public static KafkaBrokerProcess start(String host) {
        return launch(host, false);
    }

    /**
     * One loopback broker per JVM, started on first use and stopped by a JVM shutdown hook. Its {@link #close()}
     * does nothing, so a test may use it in try-with-resources without stopping it for the others.
     */
    public static KafkaBrokerProcess shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isAlive()) {
                shared = launch(LOOPBACK, true);
            }
            return shared;
        }
    }

    /**
     * Starts a new broker on free loopback ports that accepts only SASL_SSL clients, authorizes every request by ACL
     * (nothing is allowed without one) and has {@code admin} as its only super user.
     */
    public static KafkaBrokerProcess startSecure() {
        return launch(LOOPBACK, false, true);
    }

    /**
     * As {@link #startSecure()}, listening on and advertising {@code host} (e.g. the testbed gateway); the broker's
     * certificate names {@code host}, so clients verify it as they would a real broker's.
     */
    public static KafkaBrokerProcess startSecure(String host) {
        return launch(host, false, true);
    }

    private static KafkaBrokerProcess launch(String host, boolean isShared) {
        return launch(host, isShared, false);
    }

    private static KafkaBrokerProcess launch(String host, boolean isShared, boolean secure) {
        return new KafkaBrokerProcess(launch("kafka", host, isShared, port -> {
            int controllerPort = freePort(host);
            while (controllerPort == port) {
                controllerPort = freePort(host);
            }
            List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--controller-port",
                    Integer.toString(controllerPort), "--host", host));
            if (secure) {
                args.add("--secure");
            }
            return args;
        }));
    }

    /** Whether this broker was started by {@link #startSecure()}. */
    public boolean isSecure() {
        return Files.exists(stateDir().resolve("secure"));
    }

    /** The CA certificate (PEM) the broker's certificate is signed by. */
    public Path caCertificate() {
        return requireSecure().resolve("tls/ca.pem");
    }

    /** A PKCS12 trust store holding {@link #caCertificate()}; its password is {@link #trustStorePassword()}. */
    public Path trustStore() {
        return requireSecure().resolve("tls/truststore.p12");
    }

    public String trustStorePassword() {
        return read(requireSecure().resolve("tls/store.password"));
    }

    /** The client config file of the super user {@code admin} ({@code --command-config} of the Kafka tools). */
    public Path adminClientConfigFile() {
        return requireSecure().resolve("admin-client.properties");
    }

    /**
     * Client settings of a principal: bootstrap servers, and on a secure broker SASL_SSL with SCRAM-SHA-512 as
     * {@code user}, trusting the broker's CA. On a plaintext broker only the bootstrap servers.
     */
    public Map<String, Object> clientSettings(String user, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (isSecure()) {
            settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            settings.put("sasl.mechanism", "SCRAM-SHA-512");
            settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"" + user + "\" password=\"" + password + "\";");
            settings.put("ssl.truststore.location", trustStore().toString());
            settings.put("ssl.truststore.password", trustStorePassword());
            settings.put("ssl.truststore.type", "PKCS12");
        }
        return settings;
    }

    /** The super user's client settings (on a plaintext broker: only the bootstrap servers). */
    public Map<String, Object> adminSettings() {
        if (!isSecure()) {
            return clientSettings(null, null);
        }
        Map<String, Object> settings = new HashMap<>();
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(adminClientConfigFile())) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.forEach((k, v) -> settings.put((String) k, v));
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /**
     * Creates (or gives a new password to) the SCRAM-SHA-512 user {@code user}, as the admin, and returns once the
     * broker knows the credential.
     */
    public void createUser(String user, String password) {
        try (Admin admin = Admin.create(adminSettings())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!admin.describeUserScramCredentials(List.of(user)).all().get().containsKey(user)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not list SCRAM user " + user + " within 30 s");
                }
                Thread.onSpinWait();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create SCRAM user " + user + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating SCRAM user " + user, e);
        }
    }

    private Path requireSecure() {
        if (!isSecure()) {
            throw new IllegalStateException("this broker is not secure: start it with KafkaBrokerProcess.startSecure()");
        }
        return stateDir();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The {@code bootstrap.servers} value, e.g. {@code 127.0.0.1:41234}. */
    public String bootstrapServers() {
        return address();
    }
}
