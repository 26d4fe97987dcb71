package io.graphium.agent.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's health check. COMMAND runs inside the container as Docker's HEALTHCHECK; HTTP (GET, 2xx is healthy)
 * and TCP (connect) are probed by the agent on the container's published host port.
 *
 * @param command     COMMAND: the program and its arguments
 * @param path        HTTP: the path to GET
 * @param hostPort    HTTP/TCP: the host port the checked container port is published on
 * @param startPeriod failures during this time after the start do not count
 */
public record HealthCheck(Type type, List<String> command, String path, int hostPort, Duration interval,
                          Duration timeout, int retries, Duration startPeriod) {

    public enum Type { COMMAND, HTTP, TCP }

    /** The label carrying an HTTP/TCP check on the container, so that a restarted agent probes it again. */
    public static final String LABEL = "io.graphium.healthcheck";

    public HealthCheck {
        command = command == null ? List.of() : List.copyOf(command);
        if (type == Type.COMMAND && command.isEmpty()) {
            throw new IllegalArgumentException("a COMMAND health check needs a command");
        }
        if (type != Type.COMMAND && (hostPort < 1 || hostPort > 65535)) {
            throw new IllegalArgumentException("an " + type + " health check needs a published host port, not "
                    + hostPort);
        }
        path = type == Type.HTTP ? (path == null || path.isBlank() ? "/" : path) : null;
        interval = positive(interval, "interval");
        timeout = positive(timeout, "timeout");
        startPeriod = startPeriod == null || startPeriod.isNegative() ? Duration.ZERO : startPeriod;
        retries = Math.max(1, retries);
    }

    /** True when the agent probes it (HTTP, TCP); Docker runs COMMAND checks itself. */
    public boolean probedByAgent() {
        return type != Type.COMMAND;
    }

    /** The label value of a probed check: {@code type=HTTP;port=31000;path=/health;interval=1000;...} (millis). */
    public String toLabel() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type.name());
        fields.put("port", Integer.toString(hostPort));
        if (path != null) {
            fields.put("path", path);
        }
        fields.put("interval", Long.toString(interval.toMillis()));
        fields.put("timeout", Long.toString(timeout.toMillis()));
        fields.put("retries", Integer.toString(retries));
        fields.put("start", Long.toString(startPeriod.toMillis()));
        StringBuilder text = new StringBuilder();
        fields.forEach((k, v) -> text.append(text.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return text.toString();
    }

    /** The probed check a container's labels carry; empty when none or unreadable (then it is not probed). */
    public static Optional<HealthCheck> fromLabels(Map<String, String> labels) {
        String text = labels == null ? null : labels.get(LABEL);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            return Optional.of(new HealthCheck(Type.valueOf(fields.get("type")), List.of(), fields.get("path"),
                    Integer.parseInt(fields.get("port")), millis(fields.get("interval")),
                    millis(fields.get("timeout")), Integer.parseInt(fields.get("retries")),
                    millis(fields.get("start"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Duration millis(String value) {
        return Duration.ofMillis(Long.parseLong(value));
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("health check " + name + " must be positive, not " + value);
        }
        return value;
    }
}
