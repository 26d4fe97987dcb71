package io.graphium.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.infra.InfraScript;
import io.graphium.infra.RequiresInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README's first command: {@code bin/graphium-dev up} starts the whole system on the local Docker daemon, deploys the
 * example stack and shows it RUNNING; {@code down} leaves no container of its host behind.
 */
@RequiresInfra(RequiresInfra.Capability.DOCKER)
class DevModeSystemTest {

    @Test
    void devModeDeploysTheExampleStackAndCleansUp() throws Exception {
        Path state = Files.createTempDirectory("graphium-dev-test-");
        String hostId = "dev-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            long started = System.nanoTime();
            Run up = run(state, hostId, "up");
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("Stack my-app is RUNNING", "bin/graphium-dev down",
                    "made an admin token for the REST API", "admin.token");
            Path token = state.resolve("dev").resolve("admin.token");
            assertThat(java.nio.file.Files.getPosixFilePermissions(token)).as("only its owner may read the token")
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(token).strip()).matches("gph_[A-Za-z0-9_-]{43}");
            assertThat(docker("ps", "-q", "--filter", "label=io.graphium.host=" + hostId).lines())
                    .as("the example's containers run").hasSize(4);
            System.out.printf("%nMEASURED bin/graphium-dev up (jars built, images present): %d ms%n%n", elapsed);
        } finally {
            Run down = run(state, hostId, "down", "--reset");
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(docker("ps", "-aq", "--filter", "label=io.graphium.host=" + hostId)).isBlank();
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path state, String hostId, String... args) throws Exception {
        Path root = InfraScript.repositoryRoot();
        Path log = Files.createTempFile("graphium-dev", ".log");
        String[] command = new String[args.length + 1];
        command[0] = root.resolve("bin/graphium-dev").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Its own state and ports, so it never meets a developer's own dev system on this machine.
        builder.environment().put("GRAPHIUM_STATE_DIR", state.toString());
        builder.environment().put("GRAPHIUM_DEV_HOST_ID", hostId);
        builder.environment().put("GRAPHIUM_KAFKA_PORT", "29092");
        builder.environment().put("GRAPHIUM_REGISTRY_PORT", "28081");
        builder.environment().put("GRAPHIUM_ORCHESTRATOR_PORT", "28090");
        Process process = builder.start();
        if (!process.waitFor(Duration.ofMinutes(10).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        return new Run(process.isAlive() ? -1 : process.exitValue(), output);
    }

    private static String docker(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return out.strip();
    }
}
