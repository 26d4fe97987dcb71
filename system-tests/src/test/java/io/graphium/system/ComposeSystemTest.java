package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graphium.events.SecretSealer;
import io.graphium.infra.MachineTools;
import io.graphium.infra.DockerTestbed;
import io.graphium.infra.InfraScript;
import io.graphium.infra.RequiresInfra;
import io.graphium.infra.TestbedHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code docker-compose.yml}, with the Debian {@code docker-compose} (1.29): the file validates, and
 * on a testbed host (its own dockerd, no internet) {@code up} brings the whole system up, with locally built images
 * standing in for the public Kafka, Apicurio and Temurin images ({@code infra/compose/build-standins}), after which
 * a stack deploys through the orchestrator's REST API on the host's address.
 */
class ComposeSystemTest {

    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(6);
    private static final Duration HEALTHY_DEADLINE = Duration.ofMinutes(6);
    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(2);
    private static final Duration DOWN_DEADLINE = Duration.ofMinutes(3);
    private static final int STACK_PORT = 9080;

    private final Path root = InfraScript.repositoryRoot();

    @Test
    void composeFileIsValid() throws Exception {
        MachineTools.requireExecutable(DOCKER_COMPOSE, "docker-compose");
        Run config = run(Duration.ofMinutes(1), Map.of(), DOCKER_COMPOSE.toString(), "-f",
                root.resolve("docker-compose.yml").toString(), "config", "-q");
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    @RequiresInfra(RequiresInfra.Capability.TESTBED)
    void upBringsTheSystemUpOnADockerHostAndAStackDeploysThroughIt() throws Exception {
        MachineTools.requireExecutable(DOCKER_COMPOSE, "docker-compose");
        String project = "graphium-compose-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerTestbed testbed = DockerTestbed.up(1)) {
            TestbedHost host = testbed.hosts().get(0);
            host.removeAllContainers();
            Map<String, String> env = new HashMap<>(Map.of("DOCKER_HOST", host.dockerHost(),
                    "COMPOSE_PROJECT_NAME", project, "GRAPHIUM_HOST_IP", host.ipAddress(),
                    "GRAPHIUM_HOST_ID", host.name(), "GRAPHIUM_DOCKER_SOCKET", host.dockerSocket().toString(),
                    "GRAPHIUM_SECRETS_SEALING_KEY", SecretSealer.newBase64Key()));
            ApiToken token = ApiToken.admin("compose-test");
            env.put("GRAPHIUM_SECURITY_TOKENS", token.line());
            long started = System.nanoTime();
            try {
                Run standins = run(BUILD_DEADLINE, env, root.resolve("infra/compose/build-standins").toString());
                assertThat(standins.exitCode()).as(standins.output()).isZero();
                long standinsBuilt = System.nanoTime();
                Run up = compose(BUILD_DEADLINE, env, "up", "-d", "--build");
                assertThat(up.exitCode()).as(up.output()).isZero();
                awaitAllHealthy(host, env);
                long healthy = System.nanoTime();

                OrchestratorApi api = new OrchestratorApi("http://" + host.ipAddress() + ":8080", token);
                String stackId = "compose-" + UUID.randomUUID().toString().substring(0, 8);
                HttpResponse<String> accepted = api.deploy(OrchestratorApi.webStack(stackId, STACK_PORT));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                String view = api.awaitStatus(stackId, "RUNNING", DEPLOY_DEADLINE);
                assertThat(view).as("placed on the compose host, endpoint on its address")
                        .contains("\"hostId\":\"" + host.name() + "\"", host.ipAddress() + ":" + STACK_PORT);
                assertThat(fetch("http://" + host.ipAddress() + ":" + STACK_PORT + "/")).contains(stackId);
                long running = System.nanoTime();
                System.out.printf("%nMEASURED compose on a testbed host: stand-ins %d ms, up --build to all healthy "
                                + "%d ms, deploy to RUNNING %d ms, total %d ms%n%n", millis(started, standinsBuilt),
                        millis(standinsBuilt, healthy), millis(healthy, running), millis(started, running));
            } finally {
                Run down = compose(DOWN_DEADLINE, env, "down", "-v", "--rmi", "all", "--remove-orphans");
                DashboardSystemTest.removeManagedContainers(host);
                Run removed = run(DOWN_DEADLINE, env, root.resolve("infra/compose/build-standins").toString(),
                        "remove");
                assertThat(down.exitCode()).as(down.output()).isZero();
                assertThat(removed.exitCode()).as(removed.output()).isZero();
                assertThat(host.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project)
                        .stdout()).as("containers of the compose project left").isBlank();
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Every container of the project reports healthy; a container that exited fails at once, with its log. */
    private void awaitAllHealthy(TestbedHost host, Map<String, String> env) {
        String project = env.get("COMPOSE_PROJECT_NAME");
        try {
            awaitHealthy(host, env, project);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Say which service is not healthy and why, not only that the deadline passed.
            StringBuilder why = new StringBuilder(e.getMessage()).append('\n');
            for (String line : host.docker("ps", "-a", "--filter", "label=com.docker.compose.project=" + project,
                    "--format", "{{.Label \"com.docker.compose.service\"}} {{.Status}}").stdout().lines().toList()) {
                why.append(line).append('\n');
                if (!line.contains("(healthy)")) {
                    try {
                        why.append(compose(Duration.ofMinutes(1), env, "logs", "--tail", "60", line.split(" ")[0])
                                .output());
                    } catch (IOException logs) {
                        why.append("(no logs: ").append(logs.getMessage()).append(")\n");
                    }
                }
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    private void awaitHealthy(TestbedHost host, Map<String, String> env, String project) {
        await("all compose services healthy").atMost(HEALTHY_DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    InfraScript.Result states = host.docker("ps", "-a", "--filter",
                            "label=com.docker.compose.project=" + project, "--format",
                            "{{.Label \"com.docker.compose.service\"}} {{.Status}}");
                    List<String> lines = states.stdout().lines().toList();
                    for (String line : lines) {
                        if (line.contains("Exited")) {
                            String service = line.split(" ")[0];
                            throw new AssertionError(service + " exited: " + line + "\n"
                                    + compose(Duration.ofMinutes(1), env, "logs", "--tail", "40", service).output());
                        }
                    }
                    return lines.size() == 5 && lines.stream().allMatch(l -> l.contains("(healthy)"));
                });
    }

    private Run compose(Duration deadline, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString(), "-f",
                root.resolve("docker-compose.yml").toString(), "-p", env.get("COMPOSE_PROJECT_NAME")));
        command.addAll(List.of(args));
        return run(deadline, env, command.toArray(String[]::new));
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(Duration deadline, Map<String, String> env, String... command) throws IOException {
        Path log = Files.createTempFile("graphium-compose-test", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not finish within " + deadline + ":\n"
                        + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String fetch(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
