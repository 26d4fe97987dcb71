package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostInventoryTest {

    final FakeRuntime runtime = new FakeRuntime();
    final StopRequests stops = new StopRequests();
    final HostInventory inventory = new HostInventory(runtime, stops, new HostFacts(1, 1024, null));

    @Test
    void reportsCapacityContainersPortsAndReservations() {
        runtime.existing(Requests.WEB, "running");

        HostReport report = inventory.report();

        assertThat(report.state()).isEqualTo(HostState.ACTIVE);
        assertThat(report.facts()).isEqualTo(new HostFacts(2, 8L << 30, "20.10.24"));
        assertThat(report.observation().managed()).extracting(ManagedContainer::ref).containsExactly(Requests.WEB);
        assertThat(report.observation().portsInUse()).containsExactly(new PortInUse(18080, Protocol.TCP));
        assertThat(report.observation().reservedCpuCores()).isEqualTo(0.5);
        assertThat(report.observation().reservedMemoryBytes()).isEqualTo(64L << 20);
    }

    @Test
    void unreachableRuntimeMakesTheHostDegradedWithWhatWasLastSeen() {
        runtime.existing(Requests.WEB, "running");
        inventory.report();
        runtime.unavailable = true;

        HostReport report = inventory.report();

        assertThat(report.state()).isEqualTo(HostState.DEGRADED);
        assertThat(report.problem()).isEqualTo("daemon is away");
        assertThat(report.facts().dockerVersion()).isEqualTo("20.10.24");
        assertThat(report.observation().managed()).hasSize(1);
    }

    @Test
    void runtimeNeverSeenGivesTheFallbackCapacity() {
        runtime.unavailable = true;

        assertThat(inventory.report().facts()).isEqualTo(new HostFacts(1, 1024, null));
    }

    @Test
    void containerTheAgentStoppedReadsStoppedNotExited() {
        ContainerLifecycle lifecycle = new ContainerLifecycle(runtime, change -> { }, stops, new SlotLocks(), "h1",
                Duration.ZERO);
        lifecycle.deploy(Requests.web(Requests.WEB, "c-1"));
        lifecycle.stop("c-2", Requests.WEB, Duration.ofSeconds(1));
        String other = runtime.existing(new ContainerRef("shop", "d-1", "db"), "exited");

        HostReport report = inventory.report();

        assertThat(report.observation().managed()).extracting(ManagedContainer::dockerId, ManagedContainer::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("id1", ContainerStatus.STOPPED),
                        org.assertj.core.groups.Tuple.tuple(other, ContainerStatus.EXITED));
    }
}
