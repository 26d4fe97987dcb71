package io.graphium.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry running as a plain process, started and stopped by {@code infra/bin/registry}; an
 * in-memory database and its own temporary state directory, on a free loopback port. Global compatibility
 * rule: BACKWARD.
 *
 * <pre>{@code
 * try (SchemaRegistryProcess registry = SchemaRegistryProcess.start()) {
 *     String confluentUrl = registry.confluentApiUrl(); // http://127.0.0.1:PORT/apis/ccompat/v7
 * }
 * }</pre>
 *
 * Tests of one module can share one instance with {@link #shared()}. In a fresh checkout the first start builds
 * the registry jar (about a minute).
 */
public final class SchemaRegistryProcess implements AutoCloseable {

    private static final String SCRIPT = "registry";
    /** Includes building the jar on a fresh checkout; the script itself waits at most 60 s for readiness. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(10);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(1);
    /** What the script exits with when the port is taken (another process grabbed our free port). */
    private static final int EXIT_PORT_IN_USE = 4;
    private static final int START_ATTEMPTS = 3;

    private static final Object SHARED_LOCK = new Object();
    private static SchemaRegistryProcess shared;

    private final Path stateDir;
    private final String url;
    private final long pid;
    private final boolean isShared;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SchemaRegistryProcess(Path stateDir, String url, long pid, boolean isShared) {
        this.stateDir = stateDir;
        this.url = url;
        this.pid = pid;
        this.isShared = isShared;
    }

    /** Starts a new registry on a free loopback port; {@link #close()} stops it and deletes its state. */
    public static SchemaRegistryProcess start() {
        return launch(false);
    }

    /**
     * One registry per JVM, started on first use and stopped by a JVM shutdown hook. Its {@link #close()} does
     * nothing, so a test may use it in try-with-resources without stopping it for the others.
     */
    public static SchemaRegistryProcess shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isAlive()) {
                SchemaRegistryProcess instance = launch(true);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "graphium-registry-stop"));
                shared = instance;
            }
            return shared;
        }
    }

    private static SchemaRegistryProcess launch(boolean isShared) {
        Path stateDir = createStateDir();
        try {
            for (int attempt = 1; ; attempt++) {
                String port = Integer.toString(freeLoopbackPort());
                InfraScript.Result result = InfraScript.runAllowingFailure(START_DEADLINE, SCRIPT, "start",
                        "--port", port, "--host", "127.0.0.1", "--state-dir", stateDir.toString(), "--memory");
                if (result.exitCode() == EXIT_PORT_IN_USE && attempt < START_ATTEMPTS) {
                    continue; // lost the race for the free port
                }
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("infra/bin/" + SCRIPT + " start exited with " + result.exitCode()
                            + ":\n" + result.stderr() + result.stdout());
                }
                return new SchemaRegistryProcess(stateDir, result.lastLine(), readPid(stateDir), isShared);
            }
        } catch (RuntimeException e) {
            InfraScript.runAllowingFailure(STOP_DEADLINE, SCRIPT, "stop", "--state-dir", stateDir.toString());
            deleteRecursively(stateDir);
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** Apicurio's own REST API (what Apicurio serdes talk to). */
    public String apicurioApiUrl() {
        return url + "/apis/registry/v2";
    }

    /** The Confluent-compatible API (what Confluent clients talk to). */
    public String confluentApiUrl() {
        return url + "/apis/ccompat/v7";
    }

    /** Operating-system process id of the registry JVM. */
    public long pid() {
        return pid;
    }

    /** Pid file, log file ({@code registry.log}) and, unless in memory, the database. */
    public Path stateDir() {
        return stateDir;
    }

    /** Whether the registry process still runs. */
    public boolean isAlive() {
        return !stopped.get() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the registry and deletes its state directory; does nothing for the {@link #shared()} instance. */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                InfraScript.run(STOP_DEADLINE, SCRIPT, "stop", "--state-dir", stateDir.toString());
            } finally {
                deleteRecursively(stateDir);
            }
        }
    }

    @Override
    public String toString() {
        return "SchemaRegistryProcess[" + url + ", pid " + pid + "]";
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("graphium-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static long readPid(Path stateDir) {
        Path pidFile = stateDir.resolve("registry.pid");
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("registry started but " + pidFile + " is unreadable", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
