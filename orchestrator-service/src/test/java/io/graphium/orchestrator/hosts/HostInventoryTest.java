package io.graphium.orchestrator.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.HostDescription;
import io.graphium.events.HostHeartbeat;
import io.graphium.events.HostPort;
import io.graphium.events.HostRegistered;
import io.graphium.events.HostStatus;
import io.graphium.events.HostStatusChanged;
import io.graphium.events.HostUsage;
import io.graphium.events.Protocol;
import io.graphium.events.RegistrationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HostInventoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final HostInventory inventory = new HostInventory(clock, Duration.ofSeconds(6));

    @Test
    void anAgentHostGoesOfflineWhenItsHeartbeatsStopForLongerThanTheTtl() {
        inventory.apply(heartbeat("h1", T0, HostStatus.ACTIVE));
        clock.now = T0.plusSeconds(6);
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("ACTIVE");
        clock.now = T0.plusSeconds(7);
        HostView view = inventory.get("h1").orElseThrow();
        assertThat(view.status()).isEqualTo("OFFLINE");
        assertThat(view.reportedStatus()).isEqualTo("ACTIVE");
        assertThat(view.statusReason()).contains("no heartbeat for 7 s");
        inventory.apply(heartbeat("h1", T0.plusSeconds(7), HostStatus.ACTIVE));
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("ACTIVE");
    }

    @Test
    void aHeartbeatCarriesUsageContainersAndPorts() {
        inventory.apply(heartbeat("h1", T0, HostStatus.DEGRADED));
        HostView view = inventory.get("h1").orElseThrow();
        assertThat(view.status()).isEqualTo("DEGRADED");
        assertThat(view.source()).isEqualTo("AGENT");
        assertThat(view.usage().containersRunning()).isEqualTo(3);
        assertThat(view.portsInUse()).containsExactly("53/udp", "5432/tcp");
        assertThat(view.lastHeartbeat()).isEqualTo(T0);
    }

    @Test
    void anOlderHeartbeatDoesNotReplaceANewerOne() {
        inventory.apply(heartbeat("h1", T0.plusSeconds(5), HostStatus.ACTIVE));
        inventory.apply(heartbeat("h1", T0, HostStatus.DEGRADED));
        assertThat(inventory.get("h1").orElseThrow().reportedStatus()).isEqualTo("ACTIVE");
    }

    @Test
    void anOverrideWinsOverTheAgentAndActiveLiftsIt() {
        inventory.apply(heartbeat("h1", T0, HostStatus.ACTIVE));
        inventory.apply(change("h1", HostStatus.MAINTENANCE, "disk swap"));
        HostView view = inventory.get("h1").orElseThrow();
        assertThat(view.status()).isEqualTo("MAINTENANCE");
        assertThat(view.statusReason()).isEqualTo("maintenance set by ops: disk swap");
        assertThat(view.override().status()).isEqualTo("MAINTENANCE");
        inventory.apply(heartbeat("h1", T0.plusSeconds(1), HostStatus.ACTIVE));
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("MAINTENANCE");
        inventory.apply(change("h1", HostStatus.ACTIVE, null));
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(inventory.get("h1").orElseThrow().override()).isNull();
    }

    @Test
    void anOverrideThatArrivesBeforeTheHostStillApplies() {
        inventory.apply(change("h1", HostStatus.OFFLINE, null));
        inventory.apply(heartbeat("h1", T0, HostStatus.ACTIVE));
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("OFFLINE");
        inventory.removeOverride("h1");
        assertThat(inventory.get("h1").orElseThrow().status()).isEqualTo("ACTIVE");
    }

    @Test
    void aManualHostHasNoTtlAndKeepsItsRegisteredStatus() {
        inventory.apply(HostRegistered.newBuilder().setEventId("e1").setOccurredAt(T0).setHost(host("m1"))
                .setStatus(HostStatus.ACTIVE).setSource(RegistrationSource.MANUAL).build());
        clock.now = T0.plus(Duration.ofDays(1));
        HostView view = inventory.get("m1").orElseThrow();
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.source()).isEqualTo("MANUAL");
        assertThat(view.lastHeartbeat()).isNull();
        assertThat(inventory.isManual("m1")).isTrue();
        inventory.removeHost("m1");
        assertThat(inventory.get("m1")).isEmpty();
    }

    @Test
    void waitersCompleteWhenTheirEventIsApplied() {
        var waiter = inventory.whenApplied("e9");
        assertThat(waiter).isNotDone();
        inventory.apply(HostRegistered.newBuilder().setEventId("e9").setOccurredAt(T0).setHost(host("m1"))
                .setStatus(HostStatus.ACTIVE).setSource(RegistrationSource.MANUAL).build());
        assertThat(waiter).isDone();
    }

    static HostHeartbeat heartbeat(String id, Instant at, HostStatus status) {
        return HostHeartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setHost(host(id)).setStatus(status)
                .setUsage(HostUsage.newBuilder().setCpuUsedCores(1.5).setMemoryUsedBytes(1L << 30)
                        .setContainersRunning(3).build())
                .setPortsInUse(List.of(HostPort.newBuilder().setPort(53).setProtocol(Protocol.UDP).build(),
                        HostPort.newBuilder().setPort(5432).setProtocol(Protocol.TCP).build()))
                .build();
    }

    private static HostStatusChanged change(String id, HostStatus status, String reason) {
        return HostStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(T0)
                .setHostId(id).setStatus(status).setReason(reason).setChangedBy("ops").build();
    }

    private static HostDescription host(String id) {
        return HostDescription.newBuilder().setHostId(id).setName(id).setIpAddress("10.0.0.1").setCpus(4)
                .setMemoryBytes(8L << 30).setDatacenter("eu-1").setLabels(Map.of()).build();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
