package io.graphium.orchestrator.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a container's {@code healthCheck}; part of {@link StackDefinitionParser}. */
final class HealthCheckReader {

    private static final Set<String> FIELDS = Set.of("type", "command", "path", "port", "interval", "timeout",
            "retries", "startPeriod");

    private HealthCheckReader() {
    }

    /** Durations are seconds (EVE writes integers) or text such as "30s"; port 0 means "first published port". */
    static HealthCheck read(PathValue check) {
        check.checkFields(FIELDS, Map.of("test", "command"));
        List<String> command = CommandLine.read(check.field("command"));
        String path = check.field("path").string();
        Integer port = check.field("port").integer();
        port = port != null && port == 0 ? null : port;
        PathValue type = check.field("type");
        Integer retries = check.field("retries").integer();
        return new HealthCheck(type.isAbsent() ? impliedType(type, command, path, port)
                : type.enumValue(HealthCheckType.class), command, path, port, duration(check, "interval"),
                duration(check, "timeout"), retries == null ? HealthCheck.DEFAULT_RETRIES : retries,
                duration(check, "startPeriod"));
    }

    /** Without a type, a command means COMMAND, a path HTTP and a lone port TCP. */
    private static HealthCheckType impliedType(PathValue type, List<String> command, String path, Integer port) {
        if (!command.isEmpty()) {
            return HealthCheckType.COMMAND;
        }
        if (path != null) {
            return HealthCheckType.HTTP;
        }
        if (port != null) {
            return HealthCheckType.TCP;
        }
        type.problem("healthCheck has no type; set type to command, http or tcp");
        return null;
    }

    private static Duration duration(PathValue check, String field) {
        return check.field(field).parsed(Quantities::duration);
    }
}
