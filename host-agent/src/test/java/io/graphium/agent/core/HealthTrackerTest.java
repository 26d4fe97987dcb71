package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    static HealthCheck tcp(int retries, Duration startPeriod) {
        return new HealthCheck(HealthCheck.Type.TCP, List.of(), null, 8080, Duration.ofSeconds(1),
                Duration.ofMillis(500), retries, startPeriod);
    }

    @Test
    void startsStartingThenHealthyOnFirstSuccess() {
        HealthTracker tracker = new HealthTracker(tcp(3, Duration.ZERO), START);
        assertThat(tracker.current()).isEqualTo(Health.STARTING);
        assertThat(tracker.record(true, START.plusSeconds(1))).contains(Health.HEALTHY);
        assertThat(tracker.record(true, START.plusSeconds(2))).isEmpty();
    }

    @Test
    void unhealthyAfterRetriesFailuresInARowAndHealthyAgainOnOneSuccess() {
        HealthTracker tracker = new HealthTracker(tcp(3, Duration.ZERO), START);
        tracker.record(true, START.plusSeconds(1));
        assertThat(tracker.record(false, START.plusSeconds(2))).isEmpty();
        assertThat(tracker.record(false, START.plusSeconds(3))).isEmpty();
        assertThat(tracker.record(true, START.plusSeconds(4))).isEmpty(); // the count starts over
        assertThat(tracker.record(false, START.plusSeconds(5))).isEmpty();
        assertThat(tracker.record(false, START.plusSeconds(6))).isEmpty();
        assertThat(tracker.record(false, START.plusSeconds(7))).contains(Health.UNHEALTHY);
        assertThat(tracker.record(false, START.plusSeconds(8))).isEmpty();
        assertThat(tracker.record(true, START.plusSeconds(9))).contains(Health.HEALTHY);
    }

    @Test
    void failuresDuringTheStartPeriodDoNotCount() {
        HealthTracker tracker = new HealthTracker(tcp(1, Duration.ofSeconds(10)), START);
        assertThat(tracker.record(false, START.plusSeconds(5))).isEmpty();
        assertThat(tracker.current()).isEqualTo(Health.STARTING);
        assertThat(tracker.record(false, START.plusSeconds(10))).contains(Health.UNHEALTHY);
    }

    @Test
    void aProbedCheckSurvivesThePassageThroughALabel() {
        HealthCheck http = new HealthCheck(HealthCheck.Type.HTTP, List.of(), "/health", 31000,
                Duration.ofMillis(750), Duration.ofMillis(300), 2, Duration.ofSeconds(3));
        assertThat(http.toLabel())
                .isEqualTo("type=HTTP;port=31000;path=/health;interval=750;timeout=300;retries=2;start=3000");
        assertThat(HealthCheck.fromLabels(java.util.Map.of(HealthCheck.LABEL, http.toLabel()))).contains(http);
        assertThat(HealthCheck.fromLabels(java.util.Map.of(HealthCheck.LABEL, "type=HTTP;port=x"))).isEmpty();
        assertThat(HealthCheck.fromLabels(java.util.Map.of())).isEqualTo(Optional.empty());
    }
}
