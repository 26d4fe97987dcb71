package io.graphium.infra;

import java.util.List;

/**
 * A real Apicurio Registry running as a plain process, started and stopped by {@code infra/bin/registry}; an
 * in-memory database and its own temporary state directory, on a free port. Global compatibility rule: BACKWARD.
 *
 * <pre>{@code
 * try (SchemaRegistryProcess registry = SchemaRegistryProcess.start()) {
 *     String confluentUrl = registry.confluentApiUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 *
 * Tests of one module can share one instance with {@link #shared()}. In a fresh checkout the first start builds
 * the registry jar (one to four minutes).
 */
public final class SchemaRegistryProcess extends ScriptedProcess {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Object SHARED_LOCK = new Object();
    private static SchemaRegistryProcess shared;

    private SchemaRegistryProcess(Started started) {
        super(started);
    }

    /** Starts a new registry on a free loopback port; {@link #close()} stops it and deletes its state. */
    public static SchemaRegistryProcess start() {
        return launch(LOOPBACK, false);
    }

    /** Starts a new registry listening on {@code host} (e.g. the testbed gateway), on a free port. */
    public static SchemaRegistryProcess start(String host) {
        return launch(host, false);
    }

    /**
     * One loopback registry per JVM, started on first use and stopped by a JVM shutdown hook. Its {@link #close()}
     * does nothing, so a test may use it in try-with-resources without stopping it for the others.
     */
    public static SchemaRegistryProcess shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isAlive()) {
                shared = launch(LOOPBACK, true);
            }
            return shared;
        }
    }

    private static SchemaRegistryProcess launch(String host, boolean isShared) {
        return new SchemaRegistryProcess(launch("registry", host, isShared,
                port -> List.of("--port", Integer.toString(port), "--host", host, "--memory")));
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return address();
    }

    /** Apicurio's own REST API (what Apicurio serdes talk to). */
    public String apicurioApiUrl() {
        return url() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API (what Confluent clients talk to). */
    public String confluentApiUrl() {
        return url() + "/apis/ccompat/v7";
    }
}
