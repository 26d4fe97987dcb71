package io.graphium.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Graphium service running from its executable jar as a real process (optionally inside a testbed host's network
 * namespace), with its log in {@code target/system-test-logs}. Ready when its actuator readiness says UP.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final String baseUrl;

    private ServiceProcess(String name, Process process, Path log, String baseUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts {@code module}'s jar with {@code environment}; {@code prefix} runs it inside a namespace (e.g. the
     * result of {@code TestbedHost.inNamespace()} without the command); {@code address:port} is where it answers.
     */
    static ServiceProcess start(String name, String module, List<String> prefix, Map<String, String> environment,
                                String address, int port) {
        Path jar = Path.of("..", module, "target", module + "-0.1.0.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the modules first (./mvnw package)");
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "system-test-logs"));
            Path log = logs.resolve(name + ".log");
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("GRAPHIUM_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(name, builder.start(), log, "http://" + address + ":" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the service reports ready, or fails with the end of its log. */
    ServiceProcess awaitReady() {
        try {
            await(name + " ready").atMost(READY_DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(baseUrl + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not become ready: " + e.getMessage() + "\n" + logTail(), e);
        }
        return this;
    }

    String baseUrl() {
        return baseUrl;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The lines of this service's log that contain {@code text}, prefixed with the service's name. */
    List<String> logLinesContaining(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).map(l -> name + ": " + l).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + name, e);
        }
    }

    /** kill -9: no shutdown hook, no graceful anything; for crash tests. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
