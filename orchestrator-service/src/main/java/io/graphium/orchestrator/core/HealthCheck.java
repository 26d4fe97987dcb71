package io.graphium.orchestrator.core;

import java.time.Duration;
import java.util.List;

/**
 * How to tell that a container is healthy; null durations take the Avro contract's defaults.
 *
 * @param command COMMAND: run inside the container
 * @param path    HTTP: path to GET; 2xx is healthy
 * @param port    HTTP/TCP: container port to check (its published host port is used); null = first published port
 */
public record HealthCheck(HealthCheckType type, List<String> command, String path, Integer port, Duration interval,
                          Duration timeout, int retries, Duration startPeriod) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;

    public HealthCheck {
        command = Immutable.list(command);
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        startPeriod = startPeriod == null ? Duration.ZERO : startPeriod;
    }
}
