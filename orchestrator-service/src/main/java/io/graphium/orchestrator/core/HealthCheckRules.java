package io.graphium.orchestrator.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A health check has what its type needs; http and tcp checks reach a port the container publishes. */
final class HealthCheckRules implements ValidationRule {

    @Override
    public void check(StackDefinition definition, List<Problem> problems) {
        List<ContainerDefinition> containers = definition.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            HealthCheck check = container.healthCheck();
            if (check != null) {
                check(container, check, JsonPaths.container(i) + ".healthCheck",
                        ContainerDefinition.label(container.name(), i), problems);
            }
        }
    }

    private static void check(ContainerDefinition container, HealthCheck check, String path, String label,
                              List<Problem> problems) {
        if (check.type() == HealthCheckType.COMMAND && check.command().isEmpty()) {
            problems.add(new Problem(path + ".command", label + ": a command health check needs a command"));
        }
        if (check.type() == HealthCheckType.HTTP && (check.path() == null || check.path().isBlank())) {
            problems.add(new Problem(path + ".path", label + ": an http health check needs a path, e.g. \"/health\""));
        }
        if (check.type() == HealthCheckType.HTTP || check.type() == HealthCheckType.TCP) {
            checkPort(container, check, path, label, problems);
        }
        positive(check.interval(), path + ".interval", label, problems);
        positive(check.timeout(), path + ".timeout", label, problems);
        if (check.startPeriod().isNegative()) {
            problems.add(new Problem(path + ".startPeriod", label + ": healthCheck.startPeriod "
                    + text(check.startPeriod()) + " is negative"));
        }
        if (check.retries() < 0) {
            problems.add(new Problem(path + ".retries", label + ": healthCheck.retries " + check.retries()
                    + " is negative"));
        }
    }

    /** The check is made from outside, on the published host port (the container's first one when none is named). */
    private static void checkPort(ContainerDefinition container, HealthCheck check, String path, String label,
                                  List<Problem> problems) {
        String type = check.type().name().toLowerCase(Locale.ROOT);
        if (check.port() == null) {
            if (container.ports().stream().noneMatch(PortMapping::isPublished)) {
                problems.add(new Problem(path + ".port", label + ": " + (check.type() == HealthCheckType.HTTP ? "an "
                        : "a ") + type + " health check needs a published port, and the container publishes none"));
            }
        } else if (container.ports().stream()
                .noneMatch(port -> port.isPublished() && port.containerPort() == check.port())) {
            problems.add(new Problem(path + ".port", label + ": healthCheck.port " + check.port() + " is not a "
                    + "published containerPort of the container; " + type + " checks use its published host port"));
        }
    }

    private static void positive(Duration duration, String path, String label, List<Problem> problems) {
        if (duration.isNegative() || duration.isZero()) {
            String field = path.substring(path.lastIndexOf('.') + 1);
            problems.add(new Problem(path, label + ": healthCheck." + field + " " + text(duration)
                    + " must be more than 0"));
        }
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
