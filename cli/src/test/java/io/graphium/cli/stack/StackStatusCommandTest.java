package io.graphium.cli.stack;

import static io.graphium.cli.FakeOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StackStatusCommandTest {

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void showsSummaryContainersWithHostAddressStateHealthAndEndpoints() {
        orchestrator.answer("GET /api/v1/stacks/shop", json(200, "stack-running.json"));

        Result result = CliRun.run("stack", "status", "shop", "--server", orchestrator.url());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "Stack:       shop (Shop)",
                "Status:      RUNNING",
                "Deployment:  d-1 (version 7)",
                "Strategy:    spread",
                "Location:    dc1",
                "Requested:   2026-03-01T10:00:00Z (2h ago)",
                "Started:     2026-03-01T10:00:01Z (1h ago)",
                "Completed:   2026-03-01T10:00:06Z (1h ago)",
                "",
                "CONTAINER  HOST   ADDRESS                   STATE    HEALTH",
                "web        host2  10.213.0.12:8080->80/tcp  RUNNING  healthy",
                "db         host1  10.213.0.11 5432/tcp      RUNNING  -",
                "",
                "Service endpoints:",
                "  web  10.213.0.12:8080");
    }

    @Test
    void failedStackShowsItsErrorAndTheFailedContainersMessage() {
        orchestrator.answer("GET /api/v1/stacks/shop", json(200, "stack-failed.json"));

        Result result = CliRun.run("--server", orchestrator.url(), "stack", "status", "shop");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).contains(
                "Status:      FAILED",
                "Error:       container db failed on host1: pull access denied for graphium/nope",
                "db         host1  10.213.0.11               FAILED   -",
                "  db: pull access denied for graphium/nope",
                "Service endpoints: none (no published ports)");
    }

    @Test
    void unknownStackIsAUsageError() {
        orchestrator.answer("GET /api/v1/stacks/nope", json(404, "problem-not-found.json"));

        Result result = CliRun.run("stack", "status", "nope", "--server", orchestrator.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: no stack 'nope'; list the stacks with: graphium stack ls --server " + orchestrator.url());
    }

    @Test
    void jsonOutputIsTheApisJson() {
        orchestrator.answer("GET /api/v1/stacks/shop", json(200, "stack-running.json"));

        Result result = CliRun.run("stack", "status", "shop", "--output", "json", "--server", orchestrator.url());

        assertThat(result.exitCode()).isZero();
        assertThat(JsonMapper.shared().readTree(result.out()))
                .isEqualTo(JsonMapper.shared().readTree(FakeOrchestrator.resource("stack-running.json")));
    }
}
