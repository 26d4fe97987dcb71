package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    final FakeRuntime runtime = new FakeRuntime();
    final List<StatusChange> reported = new ArrayList<>();
    final ReportedStates states = new ReportedStates(reported::add);
    final StopRequests stops = new StopRequests();
    final SlotLocks locks = new SlotLocks();
    final List<Desired> desired = new ArrayList<>();
    final ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, states, stops, locks, "h1", Duration.ZERO);
    final Reconciler reconciler = new Reconciler(runtime, lifecycle, states, stops, locks, () -> desired,
            HealthProbes.NONE, "h1", Duration.ofSeconds(1));

    @Test
    void createsTheMissingUnderTheDesiredCommandIdAndRemovesTheUndesiredSayingWhy() {
        ContainerRef web = new ContainerRef("shop", "d-1", "web");
        String orphan = runtime.existing(new ContainerRef("old", "d-1", "api"), "running");
        desired.add(new Desired(web, "c-desired", true, Requests.web(web, "c-desired"), null));

        reconciler.reconcile();

        assertThat(reported).filteredOn(c -> c.ref().equals(web)).extracting(StatusChange::commandId,
                StatusChange::status).containsExactly(org.assertj.core.groups.Tuple.tuple("c-desired",
                ContainerStatus.CREATED), org.assertj.core.groups.Tuple.tuple("c-desired", ContainerStatus.RUNNING));
        assertThat(reported).filteredOn(c -> orphan.equals(c.dockerId())).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ContainerStatus.REMOVED);
            assertThat(c.commandId()).isNull();
            assertThat(c.message()).isEqualTo("removed by reconciliation: no longer desired on this host");
        });
        assertThat(runtime.containers).hasSize(1);
    }

    @Test
    void anExitedContainerDesiredStoppedIsReportedStoppedAfterAnAgentRestart() {
        ContainerRef web = new ContainerRef("shop", "d-1", "web");
        runtime.existing(web, "exited");
        desired.add(new Desired(web, "c-stop", false, Requests.web(web, "c-deploy"), null));

        assertThat(reconciler.reconcile()).isEmpty();

        HostInventory inventory = new HostInventory(runtime, stops, new HostFacts(1, 1, null));
        assertThat(inventory.report().observation().managed()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ContainerStatus.STOPPED));
    }
}
