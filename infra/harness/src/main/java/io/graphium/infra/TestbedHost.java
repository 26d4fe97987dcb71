package io.graphium.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One simulated Docker host of the {@link DockerTestbed}: a network namespace with its own IP address and its own
 * {@code dockerd}.
 *
 * @param name       {@code h1}, {@code h2}, ...
 * @param ipAddress  the host's address on the testbed LAN, {@code 10.213.0.(10+k)}
 * @param dockerHost its daemon, {@code unix://<state dir>/hK/docker.sock} (usable as {@code DOCKER_HOST})
 */
public record TestbedHost(String name, String ipAddress, String dockerHost) {

    /** Default deadline of {@link #docker(String...)}. */
    public static final Duration DOCKER_DEADLINE = Duration.ofMinutes(2);

    private static final String UNIX_SCHEME = "unix://";

    public TestbedHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(dockerHost, "dockerHost");
        if (!dockerHost.startsWith(UNIX_SCHEME)) {
            throw new IllegalArgumentException("dockerHost must be unix://..., got " + dockerHost);
        }
    }

    /** 1 for {@code h1}, ... */
    public int number() {
        return Integer.parseInt(name.substring(1));
    }

    /** The daemon's socket file. */
    public Path dockerSocket() {
        return Path.of(dockerHost.substring(UNIX_SCHEME.length()));
    }

    /** The testbed's state directory ({@code <state>/hK/docker.sock} is this host's socket). */
    public Path stateDir() {
        return dockerSocket().getParent().getParent();
    }

    /**
     * A command line that runs {@code command} inside this host's network namespace, via {@code infra/bin/testbed
     * exec}: the process sees only this host's interfaces and address, like a process on that machine, and gets
     * {@code DOCKER_HOST}, {@code GRAPHIUM_HOST_NAME} and {@code GRAPHIUM_HOST_IP} in its environment. Start it with
     * a {@link ProcessBuilder} (this is how per-host agents are started).
     */
    public List<String> inNamespace(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        List<String> line = new ArrayList<>(List.of(
                InfraScript.repositoryRoot().resolve("infra/bin/testbed").toString(),
                "--state-dir", stateDir().toString(), "exec", name));
        line.addAll(List.of(command));
        return line;
    }

    /** Force-removes every container on this host (with its anonymous volumes): a clean slate for a test. */
    public void removeAllContainers() {
        InfraScript.Result ids = docker("ps", "-aq");
        if (ids.exitCode() != 0) {
            throw new IllegalStateException(name + ": docker ps failed: " + ids.stderr());
        }
        List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
        ids.stdout().lines().map(String::strip).filter(id -> !id.isEmpty()).forEach(args::add);
        if (args.size() > 3) {
            InfraScript.Result removed = docker(args.toArray(String[]::new));
            if (removed.exitCode() != 0) {
                throw new IllegalStateException(name + ": docker rm -f failed: " + removed.stderr());
            }
        }
    }

    /** Runs {@code docker ARGS...} against this host's daemon and returns what it answered (any exit code). */
    public InfraScript.Result docker(String... args) {
        return docker(DOCKER_DEADLINE, args);
    }

    /** Like {@link #docker(String...)} with an explicit deadline. */
    public InfraScript.Result docker(Duration deadline, String... args) {
        List<String> line = new ArrayList<>(List.of("--state-dir", stateDir().toString(), "docker", name));
        line.addAll(List.of(args));
        return InfraScript.runAllowingFailure(deadline, "testbed", line.toArray(String[]::new));
    }
}
