package io.graphium.cli.stack;

import static io.graphium.cli.FakeOrchestrator.event;
import static io.graphium.cli.FakeOrchestrator.json;
import static io.graphium.cli.FakeOrchestrator.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.CliRun;
import io.graphium.cli.CliRun.Result;
import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.FakeOrchestrator.Request;
import io.graphium.cli.FakeOrchestrator.Stream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StackEventsCommandTest {

    private static final String EVENTS = "/api/v1/stacks/shop/events";
    private static final List<JsonNode> HISTORY = List.copyOf(JsonMapper.shared().readTree(resource("history.json"))
            .valueStream().toList());

    private final FakeOrchestrator orchestrator = new FakeOrchestrator();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    @Test
    void historyIsATableOldestFirst() {
        orchestrator.answer("GET /api/v1/stacks/shop/history", json(200, "history.json"));

        Result result = CliRun.run(orchestrator, "stack", "events", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly(
                "TIME                  KIND               SUBJECT     STATE             MESSAGE",
                "2026-03-01T10:00:00Z  DEPLOY_REQUESTED   stack shop  PENDING           deploy of stack shop "
                        + "requested by rest-api",
                "2026-03-01T10:00:01Z  PLACED             web@host2   DEPLOYING         web placed on host2 "
                        + "(10.213.0.12)",
                "2026-03-01T10:00:04Z  CONTAINER_CHANGED  web@host2   RUNNING/starting  web is running, health "
                        + "starting",
                "2026-03-01T10:00:06Z  STATUS_CHANGED     stack shop  RUNNING           all 2 containers running");
    }

    @Test
    void followResumesADroppedStreamAfterTheLastEventAndPrintsEachStepOnce() {
        orchestrator.events(EVENTS,
                Stream.drop(history("1", 0), history("2", 1)),
                // a server that ignores Last-Event-ID and replays: the CLI still prints each step once
                Stream.drop(history("2", 1), history("3", 2)),
                Stream.hold(history("4", 3), event("stack", "5", resource("stack-running.json"))));

        Result result = CliRun.run(orchestrator, "stack", "events", "shop", "--follow", "--until", "RUNNING,FAILED");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(4);
        assertThat(result.outLines().get(1)).isEqualTo("2026-03-01T10:00:01Z  PLACED               "
                + "web@host2                 DEPLOYING  web placed on host2 (10.213.0.12)");
        assertThat(result.outLines()).extracting(line -> line.split("\\s+")[1])
                .containsExactly("DEPLOY_REQUESTED", "PLACED", "CONTAINER_CHANGED", "STATUS_CHANGED");
        assertThat(orchestrator.requests()).filteredOn(r -> r.path().equals(EVENTS)).extracting(Request::lastEventId)
                .containsExactly(null, "2", "3");
    }

    @Test
    void followAsJsonPrintsOneHistoryEntryPerLine() {
        orchestrator.events(EVENTS, Stream.hold(history("1", 0), history("2", 1),
                event("stack", "3", resource("stack-failed.json"))));

        Result result = CliRun.run(orchestrator, "--output", "json", "stack", "events", "shop", "-f", "--until", "failed");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).hasSize(2);
        assertThat(JsonMapper.shared().readTree(result.outLines().get(1))).isEqualTo(HISTORY.get(1));
    }

    @Test
    void unknownStackIsAUsageError() {
        orchestrator.answer("GET /api/v1/stacks/nope/history", json(404, "problem-not-found.json"));

        Result result = CliRun.run(orchestrator, "stack", "events", "nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("error: no stack 'nope'; list the stacks with: graphium stack "
                + "ls --server " + orchestrator.url());
    }

    @Test
    void aStreamThatKeepsFailingEndsWithExitCodeFourAndSaysWhy() {
        orchestrator.events(EVENTS, Stream.drop(history("1", 0)), Stream.drop());

        Result result = CliRun.run(orchestrator, "stack", "events", "shop", "--follow");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).contains("DEPLOY_REQUESTED");
        assertThat(result.err()).startsWith("error: lost the event stream GET " + orchestrator.url() + EVENTS);
    }

    private static String history(String id, int index) {
        return event("history", id, HISTORY.get(index).toString());
    }
}
