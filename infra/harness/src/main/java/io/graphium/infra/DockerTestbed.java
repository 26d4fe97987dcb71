package io.graphium.infra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Several simulated Docker hosts on this machine ({@code infra/bin/testbed}): host k is a network namespace with
 * address {@code 10.213.0.(10+k)} and its own {@code dockerd}; the root namespace is {@code 10.213.0.1}, so a broker
 * or registry listening there is reachable from every host. Needs root; see {@link RequiresInfra.Capability#TESTBED}.
 *
 * <pre>{@code
 * try (DockerTestbed testbed = DockerTestbed.up(3)) {
 *     testbed.host(2).docker("run", "-d", "-p", "8080:80", "graphium/busybox:1", "httpd", "-f", "-p", "80");
 * }
 * }</pre>
 *
 * The testbed is machine-wide (fixed namespace names and addresses), so a {@code DockerTestbed} holds a session lock
 * ({@value #SESSION_LOCK_FILE}) from {@code up} to {@code close}: another test JVM on the same machine (a colleague's
 * build) waits up to {@link #SESSION_WAIT} instead of having its hosts torn down under it. The command-line
 * {@code infra/bin/testbed} does not take that lock.
 */
public final class DockerTestbed implements AutoCloseable {

    /** {@code up} may build the test images first (about a minute on a new machine). */
    public static final Duration UP_DEADLINE = Duration.ofMinutes(6);
    public static final Duration DOWN_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STATUS_DEADLINE = Duration.ofMinutes(1);
    /** How long {@code up} waits for another test session (in this or another JVM) to finish with the testbed. */
    public static final Duration SESSION_WAIT = Duration.ofMinutes(10);
    static final String SESSION_LOCK_FILE = "/run/graphium-testbed.session.lock";
    private static final String SCRIPT = "testbed";
    private static final Semaphore SESSION_IN_THIS_JVM = new Semaphore(1);

    private final Path stateDir;
    private final List<TestbedHost> hosts;
    private Session session;
    private boolean down;

    private DockerTestbed(Path stateDir, List<TestbedHost> hosts, Session session) {
        this.stateDir = stateDir;
        this.hosts = List.copyOf(hosts);
        this.session = session;
    }

    /** Starts (or keeps) {@code hosts} hosts in the default state dir ({@code $GRAPHIUM_STATE_DIR} or .graphium). */
    public static DockerTestbed up(int hosts) {
        return up(hosts, null);
    }

    /** Starts (or keeps) {@code hosts} hosts with the given state dir ({@code null}: the default). */
    public static DockerTestbed up(int hosts, Path stateDir) {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
        }
        Session session = Session.acquire(SESSION_WAIT);
        try {
            InfraScript.run(UP_DEADLINE, SCRIPT, withStateDir(stateDir, "up", Integer.toString(hosts)));
            InfraScript.Result status = InfraScript.runAllowingFailure(STATUS_DEADLINE, SCRIPT,
                    withStateDir(stateDir, "status"));
            List<TestbedHost> parsed = parseStatus(status);
            if (parsed.size() != hosts) {
                throw new IllegalStateException("testbed up " + hosts + " but status lists " + parsed.size()
                        + " host(s):\n" + status.stdout() + status.stderr());
            }
            return new DockerTestbed(parsed.get(0).stateDir(), parsed, session);
        } catch (RuntimeException e) {
            session.release();
            throw e;
        }
    }

    /**
     * Parses {@code testbed status}: one line per host, {@code NAME IP DOCKER_HOST up|down}. Fails if a host is
     * down.
     */
    static List<TestbedHost> parseStatus(InfraScript.Result status) {
        List<TestbedHost> result = new ArrayList<>();
        for (String line : status.stdout().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int first = trimmed.indexOf(' ');
            int second = trimmed.indexOf(' ', first + 1);
            int last = trimmed.lastIndexOf(' ');
            if (first < 0 || second < 0 || last <= second) {
                throw new IllegalStateException("unexpected testbed status line '" + line + "'");
            }
            String state = trimmed.substring(last + 1);
            if (!"up".equals(state)) {
                throw new IllegalStateException("testbed host is " + state + ": " + trimmed + "\n" + status.stderr());
            }
            result.add(new TestbedHost(trimmed.substring(0, first), trimmed.substring(first + 1, second),
                    trimmed.substring(second + 1, last)));
        }
        if (status.exitCode() != 0 || result.isEmpty()) {
            throw new IllegalStateException("testbed status exited with " + status.exitCode() + ":\n"
                    + status.stdout() + status.stderr());
        }
        return result;
    }

    private static String[] withStateDir(Path stateDir, String... args) {
        List<String> line = new ArrayList<>();
        if (stateDir != null) {
            line.add("--state-dir");
            line.add(stateDir.toAbsolutePath().toString());
        }
        line.addAll(List.of(args));
        return line.toArray(String[]::new);
    }

    /** The hosts, h1 first. */
    public List<TestbedHost> hosts() {
        return hosts;
    }

    /** Host {@code k}, 1-based: {@code host(2)} is h2 at 10.213.0.12. */
    public TestbedHost host(int k) {
        if (k < 1 || k > hosts.size()) {
            throw new IllegalArgumentException("no host " + k + ": the testbed has h1..h" + hosts.size());
        }
        return hosts.get(k - 1);
    }

    /** Where the testbed keeps its daemons' data, sockets and logs. */
    public Path stateDir() {
        return stateDir;
    }

    /** Force-removes every container on every host: hosts kept by an idempotent {@code up} may have some. */
    public void removeAllContainers() {
        hosts.forEach(TestbedHost::removeAllContainers);
    }

    /** The root namespace's address on the testbed LAN, every host's default gateway. */
    public String gatewayAddress() {
        return "10.213.0.1";
    }

    /**
     * Removes every container, daemon, namespace and mount of the testbed (idempotent). The session lock stays held
     * until {@link #close()}, so a caller can check that nothing is left before another session starts.
     */
    public synchronized void down() {
        if (session == null) {
            throw new IllegalStateException("this DockerTestbed is closed");
        }
        if (!down) {
            InfraScript.run(DOWN_DEADLINE, SCRIPT, withStateDir(stateDir, "down"));
            down = true;
        }
    }

    /** {@link #down()} (unless done already) and ends the session; idempotent. */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        try {
            down();
        } finally {
            session.release();
            session = null;
        }
    }

    /** The machine-wide session lock: one semaphore permit in this JVM plus an fcntl lock for other JVMs. */
    private static final class Session {
        private final FileChannel channel;
        private final FileLock lock;

        private Session(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Session acquire(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                if (!SESSION_IN_THIS_JVM.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("another DockerTestbed in this JVM was not closed within " + wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the testbed session", e);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(Path.of(SESSION_LOCK_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                while (true) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        String holder = "pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n";
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
                        return new Session(channel, lock);
                    }
                    if (System.nanoTime() > deadline) {
                        ByteBuffer holder = ByteBuffer.allocate(200);
                        channel.read(holder, 0);
                        throw new IllegalStateException("the Docker testbed is in use by another test session ("
                                + new String(holder.array(), 0, holder.position(), StandardCharsets.UTF_8).strip()
                                + ", " + SESSION_LOCK_FILE + ") for more than " + wait);
                    }
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(channel);
                SESSION_IN_THIS_JVM.release();
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("cannot lock " + SESSION_LOCK_FILE, e);
            }
        }

        void release() {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it anyway
            } finally {
                closeQuietly(channel);
                SESSION_IN_THIS_JVM.release();
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
