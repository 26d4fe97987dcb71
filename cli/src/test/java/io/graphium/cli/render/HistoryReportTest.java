package io.graphium.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.api.HistoryEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryReportTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:04.250Z");

    @Test
    void aContainerStepShowsContainerAtHostAndStateWithHealth() {
        HistoryEntry entry = new HistoryEntry("e3", "shop", "d-1", "CONTAINER_CHANGED", "DEPLOYING", "web", "host2",
                "RUNNING", "HEALTHY", "web is healthy", AT);

        assertThat(HistoryReport.line(entry)).isEqualTo("2026-03-01T10:00:04Z  CONTAINER_CHANGED    web@host2"
                + "                 RUNNING/healthy  web is healthy");
    }

    @Test
    void aStackStepShowsTheStackAndItsStatusAfterTheStep() {
        HistoryEntry entry = new HistoryEntry("e9", "shop", "d-1", "ROLLBACK_STARTED", "FAILED", null, null, null,
                null, "db failed: rolling back 1 container", AT);

        assertThat(HistoryReport.line(entry)).isEqualTo("2026-03-01T10:00:04Z  ROLLBACK_STARTED     stack shop"
                + "                FAILED  db failed: rolling back 1 container");
    }

    @Test
    void aContainerWithoutHealthCheckShowsItsStateOnly() {
        HistoryEntry entry = new HistoryEntry("e4", "shop", "d-1", "CONTAINER_CHANGED", null, "db", null, "PULLING",
                "NONE", null, AT);

        assertThat(HistoryReport.line(entry)).endsWith("  db                        PULLING");
    }

    @Test
    void aStepCausedByACommandSaysWhoAskedAndWhetherTheOrchestratorVouchedForIt() {
        HistoryEntry rest = new HistoryEntry("e1", "shop", "d-1", "STOP_REQUESTED", "STOPPING", null, null, null,
                null, "stop requested", AT, "ci-deployer", true);
        HistoryEntry raw = new HistoryEntry("e2", "shop", "d-1", "STOP_REQUESTED", "STOPPING", null, null, null,
                null, "stop requested", AT, "alice", false);

        assertThat(HistoryReport.line(rest)).endsWith("stop requested (by ci-deployer)");
        assertThat(HistoryReport.line(raw)).endsWith("stop requested (by alice, unverified)");
    }
}
