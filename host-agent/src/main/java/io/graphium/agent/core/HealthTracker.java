package io.graphium.agent.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The health of one container under an agent-probed check, with Docker's rules: STARTING until the first success;
 * failures during the start period do not count; {@code retries} failures in a row make it UNHEALTHY; one success
 * makes it HEALTHY again.
 */
public final class HealthTracker {

    private final HealthCheck check;
    private final Instant startedAt;
    private Health current = Health.STARTING;
    private int failuresInARow;

    public HealthTracker(HealthCheck check, Instant startedAt) {
        this.check = check;
        this.startedAt = startedAt;
    }

    public Health current() {
        return current;
    }

    /** Records one probe's outcome at {@code at}; returns the new health when it changed. */
    public Optional<Health> record(boolean healthy, Instant at) {
        Health before = current;
        if (healthy) {
            failuresInARow = 0;
            current = Health.HEALTHY;
        } else if (!(current == Health.STARTING && inStartPeriod(at))) {
            failuresInARow++;
            if (failuresInARow >= check.retries()) {
                current = Health.UNHEALTHY;
            }
        }
        return current == before ? Optional.empty() : Optional.of(current);
    }

    private boolean inStartPeriod(Instant at) {
        return Duration.between(startedAt, at).compareTo(check.startPeriod()) < 0;
    }
}
