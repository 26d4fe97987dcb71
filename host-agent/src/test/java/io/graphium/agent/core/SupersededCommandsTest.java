package io.graphium.agent.core;

import static io.graphium.agent.core.ContainerStatus.REMOVED;
import static io.graphium.agent.core.ContainerStatus.RUNNING;
import static io.graphium.agent.core.Requests.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupersededCommandsTest {

    @Test
    void aCommandIsSupersededExactlyWhenTheLatestDesiredCommandIsAnother() {
        assertThat(SupersededCommands.decide("c-1", Optional.of("c-2"))).contains("c-2");
        assertThat(SupersededCommands.decide("c-2", Optional.of("c-2"))).isEmpty();
        // No desired record (never desired, removed, or an orchestrator that writes none): not judged.
        assertThat(SupersededCommands.decide("c-1", Optional.empty())).isEmpty();
    }

    @Test
    void theLatestDesiredCommandOfTheContainersSlotDecides() {
        List<Desired> desired = List.of(
                new Desired(WEB, "c-2", true, Requests.web(WEB, "c-2"), null),
                new Desired(new ContainerRef("shop", "d-1", "db"), "c-9", true, null, "cannot be opened"));
        SupersededCommands superseded = new SupersededCommands(() -> desired);

        assertThat(superseded.newerThan("c-1", WEB)).contains("c-2");
        assertThat(superseded.newerThan("c-1", new ContainerRef("shop", "d-0", "web"))).contains("c-2");
        assertThat(superseded.newerThan("c-2", WEB)).isEmpty();
        assertThat(superseded.newerThan("c-1", new ContainerRef("shop", "d-1", "cache"))).isEmpty();
    }

    @Test
    void aSupersededCommandChangesNothingAndReportsTheContainersCurrentState() {
        FakeRuntime runtime = new FakeRuntime();
        List<StatusChange> reported = new ArrayList<>();
        ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, reported::add, new StopRequests(),
                new SlotLocks(), "h1", Duration.ofSeconds(30));
        lifecycle.deploy(Requests.web(WEB, "c-2"));
        runtime.calls.clear();
        reported.clear();

        lifecycle.refuseSuperseded("c-1", WEB, "c-2");
        lifecycle.refuseSuperseded("c-0", new ContainerRef("shop", "d-0", "web"), "c-2");

        assertThat(runtime.calls).containsOnly("find shop/web");
        assertThat(runtime.containers).hasSize(1);
        assertThat(reported).extracting(StatusChange::commandId, StatusChange::status, StatusChange::dockerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", RUNNING, "id1"),
                        org.assertj.core.groups.Tuple.tuple("c-0", REMOVED, null));
        assertThat(reported.get(0).message()).isEqualTo("superseded by c-2");
        assertThat(reported.get(1).message())
                .isEqualTo("superseded by c-2; there is no container web of stack shop (deployment d-0) on host h1");
    }
}
