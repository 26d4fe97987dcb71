package io.graphium.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresInfra}: skip loudly on a developer machine, fail in CI. */
final class InfraCondition implements ExecutionCondition {

    static final String REQUIRE_ENV = "GRAPHIUM_REQUIRE_INFRA";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresInfra> annotation = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresInfra.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no infrastructure required");
        }
        List<String> missing = new ArrayList<>();
        for (RequiresInfra.Capability capability : annotation.get().value()) {
            missingReason(capability).ifPresent(missing::add);
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("infrastructure present");
        }
        String message = context.getDisplayName() + " needs " + String.join("; ", missing);
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            throw new IllegalStateException(REQUIRE_ENV + "=true and " + message);
        }
        System.err.println("\n*** SKIPPED (missing infrastructure): " + message
                + " — CI runs it; see README.md for what .ci/run installs ***\n");
        return ConditionEvaluationResult.disabled("SKIPPED, missing infrastructure: " + message);
    }

    private static Optional<String> missingReason(RequiresInfra.Capability capability) {
        return switch (capability) {
            case DOCKER -> dockerAnswers() ? Optional.empty()
                    : Optional.of("a Docker daemon on /var/run/docker.sock (none answered `docker version`)");
            case TESTBED -> {
                if (!"root".equals(System.getProperty("user.name"))) {
                    yield Optional.of("root (for network namespaces and per-host dockerd)");
                }
                if (!Files.isExecutable(Path.of("/usr/bin/dockerd")) && !Files.isExecutable(Path.of("/usr/sbin/dockerd"))) {
                    yield Optional.of("dockerd installed (apt-get install docker.io)");
                }
                if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))
                        && !Files.isExecutable(Path.of("/sbin/ip"))) {
                    yield Optional.of("iproute2 (`ip netns`)");
                }
                yield dockerAnswers() ? Optional.empty()
                        : Optional.of("a Docker daemon on /var/run/docker.sock to build the test images");
            }
            case JAVA_PROCESSES -> Optional.empty();
        };
    }

    private static boolean dockerAnswers() {
        try {
            Process p = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
