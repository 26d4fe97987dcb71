package io.graphium.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.FakeOrchestrator.Request;
import io.graphium.cli.FakeOrchestrator.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackChangeCommandTest {

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void stopPostsAndSaysHowToFollow() {
        orchestrator.answer("POST /api/v1/stacks/shop/stop", new Response(202, ""));

        Result result = CliRun.run(orchestrator, "stack", "stop", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("Stop requested for stack shop.",
                "Follow it: graphium stack events shop --follow --server " + orchestrator.url());
    }

    @Test
    void startPosts() {
        orchestrator.answer("POST /api/v1/stacks/shop/start", new Response(202, "{\"stackId\":\"shop\"}"));

        Result result = CliRun.run(orchestrator, "--output", "json", "stack", "start", "shop");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"stackId\" : \"shop\"");
    }

    @Test
    void rmSendsWhetherToRemoveVolumes() {
        orchestrator.answer("DELETE /api/v1/stacks/shop", new Response(202, ""));

        assertThat(CliRun.run(orchestrator, "stack", "rm", "shop").exitCode()).isZero();
        assertThat(CliRun.run(orchestrator, "stack", "rm", "shop", "--volumes").outLines().get(0))
                .isEqualTo("Removal (with volumes) requested for stack shop.");

        assertThat(orchestrator.requests()).extracting(Request::query)
                .containsExactly("removeVolumes=false", "removeVolumes=true");
    }

    @Test
    void conflictIsAUsageErrorWithTheServersMessage() {
        orchestrator.answer("POST /api/v1/stacks/shop/start",
                new Response(409, "{\"message\":\"stack 'shop' is RUNNING; only a STOPPED stack can be started\"}"));

        Result result = CliRun.run(orchestrator, "stack", "start", "shop");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: rejected with HTTP 409: stack 'shop' is RUNNING; only a "
                + "STOPPED stack can be started");
    }

    @Test
    void unknownStackIsAUsageError() {
        orchestrator.answer("POST /api/v1/stacks/nope/stop", FakeOrchestrator.json(404, "problem-not-found.json"));

        Result result = CliRun.run(orchestrator, "stack", "stop", "nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: Not Found: no stack 'nope'");
    }
}
