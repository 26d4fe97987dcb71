package io.graphium.cli.stack;

import static io.graphium.cli.FakeOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class StackPlanCommandTest {

    private static final String PLAN = "POST /api/v1/stacks/plan";

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();
    private String file;

    @BeforeEach
    void writeDefinition(@TempDir Path dir) throws IOException {
        file = Files.writeString(dir.resolve("shop.json"), FakeOrchestrator.resource("stack-definition.json"))
                .toString();
    }

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void feasiblePlanShowsPlacementsScoresAndRejections() {
        orchestrator.answer(PLAN, json(200, "plan-feasible.json"));

        Result result = CliRun.run(orchestrator, "stack", "plan", file, "--stack-id", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(
                "Plan for stack shop (strategy spread): feasible",
                "all 2 container(s) can be placed",
                "",
                "CONTAINER  HOST   IP           PORTS",
                "web        host2  10.213.0.12  8080->80/tcp",
                "db         host1  10.213.0.11  5432/tcp",
                "",
                "web: host2 of 3 hosts: 1 port in use",
                "  * host2  0.750  freeMemory=0.250 spread=0.500",
                "    host1  0.500  freeMemory=0.250 spread=0.250",
                "    host3  port in use (8080/tcp is bound)",
                "",
                "db: 3 host(s) evaluated",
                "  * host1  0.900  spread=0.900");
        assertThat(orchestrator.requests().get(0).query()).isEqualTo("stackId=shop");
    }

    @Test
    void infeasiblePlanExitsWithOneAndSaysWhyPerHost() {
        orchestrator.answer(PLAN, json(200, "plan-infeasible.json"));

        Result result = CliRun.run(orchestrator, "stack", "plan", file, "--strategy", "auto", "--location", "dc9");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.outLines()).containsExactly(
                "Plan for stack shop (strategy auto, location dc9): NOT feasible",
                "0/3 hosts can run db: 2 insufficient memory, 1 wrong datacenter",
                "",
                "db: 0/3 hosts: 2 insufficient memory, 1 wrong datacenter",
                "    host1  insufficient memory (needs 8Gi, 2Gi free)",
                "    host2  insufficient memory (needs 8Gi, 1Gi free)",
                "    host3  wrong datacenter");
        var sent = JsonMapper.shared().readTree(orchestrator.requests().get(0).body());
        assertThat(sent.get("deployment").get("placementStrategy").asString()).isEqualTo("auto");
    }

    @Test
    void invalidDefinitionListsEachProblemWithItsPath() {
        orchestrator.answer(PLAN, json(400, "problem-invalid.json"));

        Result result = CliRun.run(orchestrator, "stack", "plan", file);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "error: invalid stack definition: 2 problem(s) in the stack definition",
                "  $.itemListElement[0].image: container 'web' has no image",
                "  $.itemListElement[1].ports[0].hostPort: container 'db': hostPort 70000 is not a port (1-65535)");
    }
}
