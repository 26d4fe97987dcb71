package io.graphium.placement.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.ContainerState;
import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostStatus;
import io.graphium.events.HostUsage;
import io.graphium.events.ManagedContainer;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.events.PlacementStrategy;
import io.graphium.events.PortMapping;
import io.graphium.events.Protocol;
import io.graphium.events.Resources;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Avro to core and back keeps every field that placement reads or writes. */
class MappingTest {

    static final Instant AT = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void aHeartbeatBecomesAReportWithLiveState() {
        HostHeartbeat heartbeat = HostHeartbeat.newBuilder().setEventId("e").setOccurredAt(AT)
                .setHost(HostDescription.newBuilder().setHostId("h1").setName("one").setIpAddress("10.0.0.1")
                        .setCpus(4).setMemoryBytes(8L << 30).setDatacenter("dc").setLabels(Map.of("disk", "ssd"))
                        .build())
                .setStatus(HostStatus.ACTIVE)
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(1.5).setMemoryUsedBytes(1L << 30)
                        .setContainersRunning(3).build())
                .setContainers(List.of(ManagedContainer.newBuilder().setStackId("s").setDeploymentId("d")
                        .setContainerName("web").setDockerId("x").setState(ContainerState.RUNNING).build()))
                .setPortsInUse(List.of(HostPort.newBuilder().setPort(53).setProtocol(Protocol.UDP).build(),
                        HostPort.newBuilder().setPort(0).build()))
                .build();

        HostReport report = InventoryMapping.report(heartbeat, AT.plusSeconds(30));

        assertThat(report.host().id()).isEqualTo("h1");
        assertThat(report.host().labels()).containsEntry("disk", "ssd");
        assertThat(report.status()).isEqualTo(io.graphium.hosts.HostStatus.ACTIVE);
        assertThat(report.occurredAt()).isEqualTo(AT);
        assertThat(report.receivedAt()).as("the TTL counts from this service's clock").isEqualTo(AT.plusSeconds(30));
        assertThat(report.fromAgent()).isTrue();
        assertThat(report.live().containersRunning()).isEqualTo(3);
        assertThat(report.live().containers()).containsExactly(new ContainerKey("s", "d", "web"));
        assertThat(report.live().portsInUse()).as("port 0 skipped").containsExactly(
                new io.graphium.placement.core.model.HostPort(53, io.graphium.placement.core.model.Protocol.UDP));
    }

    @Test
    void aRequestBecomesCoreDemandsWithTheDefaultsExplicit() {
        PlacementRequested request = request(PlacementStrategy.SPREAD);

        PlacementRequest core = RequestMapping.request(request);

        assertThat(core.strategy()).isEqualTo(io.graphium.placement.core.model.StrategyKind.SPREAD);
        assertThat(core.location()).isEqualTo("dc");
        assertThat(core.containers()).hasSize(2);
        assertThat(core.containers().get(0).resources().memoryBytes()).isEqualTo(1L << 30);
        assertThat(core.containers().get(0).publishedPorts()).hasSize(1);
        assertThat(core.containers().get(1).resources()).isNull();
        assertThat(core.containers().get(1).constraint().targetHost()).isNull();
    }

    @Test
    void outcomesBecomeDecidedOrFailedCausedByTheRequest() {
        PlacementRequested request = request(PlacementStrategy.AUTO);
        PlacementOutcome decided = new PlacementOutcome.Decided(List.of(new io.graphium.placement.core.model.Placement(
                "web", "h1", "10.0.0.1", RequestMapping.request(request).containers().get(0).ports())), List.of());

        SpecificRecord answer = ResultMapping.answer(request, decided, "e-1", AT);
        SpecificRecord failure = ResultMapping.answer(request, new PlacementOutcome.Failed("no host", List.of()),
                "e-2", AT);

        assertThat(answer).isInstanceOfSatisfying(PlacementDecided.class, d -> {
            assertThat(d.getCausationId()).isEqualTo("c-1");
            assertThat(d.getEventId()).isEqualTo("e-1");
            assertThat(d.getPlacements().get(0).getPorts().get(0).getHostPort()).isEqualTo(8080);
        });
        assertThat(failure).isInstanceOfSatisfying(PlacementFailed.class, f -> {
            assertThat(f.getMessage()).isEqualTo("no host");
            assertThat(f.getCausationId()).isEqualTo("c-1");
        });
    }

    private static PlacementRequested request(PlacementStrategy strategy) {
        return PlacementRequested.newBuilder().setCommandId("c-1").setRequestedAt(AT).setStackId("s")
                .setDeploymentId("d").setStrategy(strategy).setLocation("dc")
                .setContainers(List.of(
                        io.graphium.events.ContainerDemand.newBuilder().setContainerName("web")
                                .setPorts(List.of(PortMapping.newBuilder().setContainerPort(80).setHostPort(8080)
                                        .build()))
                                .setResources(Resources.newBuilder().setCpuCores(1).setMemoryBytes(1L << 30).build())
                                .build(),
                        io.graphium.events.ContainerDemand.newBuilder().setContainerName("worker").build()))
                .build();
    }
}
