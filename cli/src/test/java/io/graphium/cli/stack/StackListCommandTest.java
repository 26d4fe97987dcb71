package io.graphium.cli.stack;

import static io.graphium.cli.FakeOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.FakeOrchestrator.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StackListCommandTest {

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void oneLinePerStackWithRunningOverTotalContainersAndAge() {
        orchestrator.answer("GET /api/v1/stacks", json(200, "stacks.json"));

        Result result = CliRun.run("stack", "ls", "--server", orchestrator.url());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly(
                "ID    NAME       STATUS     CONTAINERS  LOCATION  AGE",
                "shop  Shop       RUNNING    2/2         dc1       2h",
                "wiki  Team wiki  DEPLOYING  1/3         -         3m");
    }

    @Test
    void saysSoWhenThereAreNoStacks() {
        orchestrator.answer("GET /api/v1/stacks", new Response(200, "[]"));

        Result result = CliRun.run("stack", "ls", "--server", orchestrator.url());

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines()).containsExactly("No stacks.");
    }

    @Test
    void jsonOutputIsTheApisArray() {
        orchestrator.answer("GET /api/v1/stacks", json(200, "stacks.json"));

        Result result = CliRun.run("--output", "json", "stack", "ls", "--server", orchestrator.url());

        assertThat(result.exitCode()).isZero();
        assertThat(JsonMapper.shared().readTree(result.out()).size()).isEqualTo(2);
    }
}
