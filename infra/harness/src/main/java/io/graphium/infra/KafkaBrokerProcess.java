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
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final String SCRIPT = "kafka";
    private static final String LOOPBACK = "127.0.0.1";
    /** Includes building the broker classpath if missing; the script itself waits at most 60 s for the broker. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(10);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(1);
    /** What the script exits with when a port is taken (another process grabbed our free port). */
    private static final int EXIT_PORT_IN_USE = 4;
    private static final int START_ATTEMPTS = 3;

    private static final Object SHARED_LOCK = new Object();
    private static KafkaBrokerProcess shared;

    private final Path stateDir;
    private final String bootstrapServers;
    private final long pid;
    private final boolean isShared;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private KafkaBrokerProcess(Path stateDir, String bootstrapServers, long pid, boolean isShared) {
        this.stateDir = stateDir;
        this.bootstrapServers = bootstrapServers;
        this.pid = pid;
        this.isShared = isShared;
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
                KafkaBrokerProcess instance = launch(LOOPBACK, true);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "graphium-kafka-stop"));
                shared = instance;
            }
            return shared;
        }
    }

    private static KafkaBrokerProcess launch(String host, boolean isShared) {
        Path stateDir = createStateDir();
        try {
            for (int attempt = 1; ; attempt++) {
                int port = freePort(host);
                int controllerPort = freePort(host);
                while (controllerPort == port) {
                    controllerPort = freePort(host);
                }
                InfraScript.Result result = InfraScript.runAllowingFailure(START_DEADLINE, SCRIPT, "start",
                        "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                        "--host", host, "--state-dir", stateDir.toString());
                if (result.exitCode() == EXIT_PORT_IN_USE && attempt < START_ATTEMPTS) {
                    continue; // lost the race for a free port
                }
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("infra/bin/" + SCRIPT + " start exited with " + result.exitCode()
                            + ":\n" + result.stderr() + result.stdout());
                }
                return new KafkaBrokerProcess(stateDir, result.lastLine(), readPid(stateDir), isShared);
            }
        } catch (RuntimeException e) {
            InfraScript.runAllowingFailure(STOP_DEADLINE, SCRIPT, "stop", "--state-dir", stateDir.toString());
            deleteRecursively(stateDir);
            throw e;
        }
    }

    /** The {@code bootstrap.servers} value, e.g. {@code 127.0.0.1:41234}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Operating-system process id of the broker JVM. */
    public long pid() {
        return pid;
    }

    /** server.properties, data, pid file and log file ({@code kafka.log}). */
    public Path stateDir() {
        return stateDir;
    }

    /** Whether the broker process still runs. */
    public boolean isAlive() {
        return !stopped.get() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the broker and deletes its state directory; does nothing for the {@link #shared()} instance. */
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
        return "KafkaBrokerProcess[" + bootstrapServers + ", pid " + pid + "]";
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("graphium-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static long readPid(Path stateDir) {
        Path pidFile = stateDir.resolve("kafka.pid");
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("broker started but " + pidFile + " is unreadable", e);
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
