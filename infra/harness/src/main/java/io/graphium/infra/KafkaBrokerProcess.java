package io.graphium.infra;

import java.util.List;

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

    private static KafkaBrokerProcess launch(String host, boolean isShared) {
        return new KafkaBrokerProcess(launch("kafka", host, isShared, port -> {
            int controllerPort = freePort(host);
            while (controllerPort == port) {
                controllerPort = freePort(host);
            }
            return List.of("--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                    "--host", host);
        }));
    }

    /** The {@code bootstrap.servers} value, e.g. {@code 127.0.0.1:41234}. */
    public String bootstrapServers() {
        return address();
    }
}
