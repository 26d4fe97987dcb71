package io.graphium.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A server process started and stopped by one of the {@code infra/bin} scripts ({@code kafka}, {@code registry})
 * in its own temporary state directory on free ports: the lifecycle both {@link KafkaBrokerProcess} and
 * {@link SchemaRegistryProcess} share.
 */
abstract class ScriptedProcess implements AutoCloseable {

    /** Includes building the jar or classpath on a fresh checkout; the scripts wait at most 60 s for readiness. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(10);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(1);
    /** What the scripts exit with when a port is taken (another process grabbed our free port). */
    private static final int EXIT_PORT_IN_USE = 4;
    private static final int START_ATTEMPTS = 3;

    /** What a successful {@code start} told: where the server answers and its pid. */
    record Started(String script, Path stateDir, String address, long pid, boolean shared, List<String> arguments) {
    }

    private final Started started;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** The server JVM's pid: a {@link #restart} starts another one. */
    private volatile long pid;

    ScriptedProcess(Started started) {
        this.started = started;
        this.pid = started.pid();
        if (started.shared()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "graphium-" + started.script() + "-stop"));
        }
    }

    /**
     * Runs {@code infra/bin/<script> start <arguments(port)> --state-dir <new temp dir>}, retrying with another free
     * port when one was taken meanwhile; the script's last line is the server's address.
     */
    static Started launch(String script, String host, boolean shared, IntFunction<List<String>> arguments) {
        Path stateDir = createStateDir(script);
        try {
            for (int attempt = 1; ; attempt++) {
                List<String> args = new ArrayList<>(List.of("start"));
                args.addAll(arguments.apply(freePort(host)));
                args.addAll(List.of("--state-dir", stateDir.toString()));
                InfraScript.Result result = InfraScript.runAllowingFailure(START_DEADLINE, script,
                        args.toArray(String[]::new));
                if (result.exitCode() == EXIT_PORT_IN_USE && attempt < START_ATTEMPTS) {
                    continue;
                }
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("infra/bin/" + script + " start exited with " + result.exitCode()
                            + ":\n" + result.stderr() + result.stdout());
                }
                return new Started(script, stateDir, result.lastLine(), readPid(stateDir, script), shared,
                        List.copyOf(args));
            }
        } catch (RuntimeException e) {
            InfraScript.runAllowingFailure(STOP_DEADLINE, script, "stop", "--state-dir", stateDir.toString());
            deleteRecursively(stateDir);
            throw e;
        }
    }

    /** A port nobody listens on at {@code host} right now. */
    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /** The address the script printed: a URL or {@code host:port}. */
    String address() {
        return started.address();
    }

    /** Operating-system process id of the server JVM. */
    public long pid() {
        return pid;
    }

    /**
     * Stops the server as an operator would (SIGTERM; its data stays in the state directory) and starts it again
     * on the same address, waiting until it is ready: a restart that clients see as a short outage.
     */
    public void restart() {
        InfraScript.run(STOP_DEADLINE, started.script(), "stop", "--state-dir", started.stateDir().toString());
        InfraScript.run(START_DEADLINE, started.script(), started.arguments().toArray(String[]::new));
        pid = readPid(started.stateDir(), started.script());
    }

    /** Freezes the server (SIGSTOP): it holds its connections and answers nothing, as a hung server does. */
    public void suspend() {
        signal("-STOP");
    }

    /** Lets a {@link #suspend}ed server go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + this, e);
        }
    }

    /** Pid file, log file and data of this server. */
    public Path stateDir() {
        return started.stateDir();
    }

    /** Whether the server process still runs. */
    public boolean isAlive() {
        return !stopped.get() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the server and deletes its state directory; does nothing for a shared (per-JVM) instance. */
    @Override
    public void close() {
        if (!started.shared()) {
            stop();
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                InfraScript.run(STOP_DEADLINE, started.script(), "stop", "--state-dir", started.stateDir().toString());
            } finally {
                deleteRecursively(started.stateDir());
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + started.address() + ", pid " + pid + "]";
    }

    private static Path createStateDir(String script) {
        try {
            return Files.createTempDirectory("graphium-" + script + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
    }

    private static long readPid(Path stateDir, String script) {
        Path pidFile = stateDir.resolve(script + ".pid");
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(script + " started but " + pidFile + " is unreadable", e);
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
