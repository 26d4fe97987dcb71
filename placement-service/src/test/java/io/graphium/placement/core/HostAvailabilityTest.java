package io.graphium.placement.core;

import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.engineWith;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.outcomeText;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.PendingDecision;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.Resources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts may take containers: operator overrides, manual hosts, the TTL by this service's clock; restoring. */
class HostAvailabilityTest {

    static final PlacementRequest WEB = request(AUTO, container("web").ports(tcp(8080))).stack("shop").build();

    @Test
    void anOperatorsMaintenanceOverridesWhatTheAgentReportsUntilSetActiveAgain() {
        PlacementEngine engine = engineWith(host("host1"));

        engine.setOperatorStatus("host1", HostStatus.MAINTENANCE);
        engine.apply(host("host1").seen(NOW.plusSeconds(1)).report()); // the agent still says ACTIVE
        assertThat(outcomeText(engine.place(WEB, NOW.plusSeconds(1)))).isEqualTo("failed: no host for container "
                + "'web': 0/1 hosts available: host1 not active (maintenance by operator)");

        engine.setOperatorStatus("host1", HostStatus.ACTIVE);
        assertThat(outcomeText(engine.place(WEB, NOW.plusSeconds(1)))).isEqualTo("web=host1");
    }

    @Test
    void anOverrideReadBeforeTheHostIsKnownAppliesWhenItAppears() {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        engine.setOperatorStatus("host1", HostStatus.OFFLINE);
        engine.apply(host("host1").report());

        assertThat(outcomeText(engine.place(WEB, NOW))).endsWith("host1 not active (offline by operator)");
    }

    @Test
    void aHostRegisteredByHandIsNotSubjectToTheHeartbeatTtlButAnAgentsHostIs() {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        engine.apply(host("manual").manualRegistration());
        engine.apply(host("agent").report());
        PlacementRequest twoWebs = request(AUTO, container("a").ports(tcp(80)), container("b").ports(tcp(80))).build();

        assertThat(outcomeText(engine.place(twoWebs, NOW.plus(Duration.ofHours(1)))))
                .startsWith("failed: no host for container 'b': 0/2 hosts available: agent not active (offline: no "
                        + "heartbeat for 3600 s), manual port 80/tcp reserved for stack-1/a");
    }

    @Test
    void theTtlCountsFromWhenThisServiceHeardTheHostNotFromTheAgentsClock() {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        engine.apply(host("skewed").seen(NOW.minus(Duration.ofHours(1))).reportReceivedAt(NOW));

        assertThat(outcomeText(engine.place(WEB, NOW.plusSeconds(2)))).isEqualTo("web=skewed");
    }

    @Test
    void restoredDecisionsReserveAgainUnlessExpiredOnAnUnknownHostOrAlreadyReported() {
        ContainerKey reported = new ContainerKey("s", "d", "reported");
        PlacementEngine engine = engineWith(host("host1").runs(reported));
        List<HostPort> port8080 = List.of(new HostPort(8080, Protocol.TCP));
        Resources small = new Resources(0.5, 1 << 20);

        int standing = engine.restore(List.of(
                new PendingDecision(new ContainerKey("shop", "d-shop", "web"), "host1", small, port8080,
                        NOW.minusSeconds(60)),
                new PendingDecision(new ContainerKey("old", "d", "web"), "host1", small, port8080,
                        NOW.minus(Duration.ofMinutes(5))),
                new PendingDecision(new ContainerKey("gone", "d", "web"), "host9", small, port8080, NOW),
                new PendingDecision(reported, "host1", small, List.of(), NOW)), NOW);

        assertThat(standing).isEqualTo(1);
        assertThat(outcomeText(engine.place(request(AUTO, container("web").ports(tcp(8080))).stack("blog").build(),
                NOW))).endsWith("host1 port 8080/tcp reserved for shop/web");
        assertThat(engine.pendingReservations()).as("still within TTL").isEqualTo(1);
        engine.place(request(AUTO, container("x")).stack("later").dryRun().build(), NOW.plusSeconds(61));
        assertThat(engine.pendingReservations()).as("expired a TTL after its decision, not after the restore")
                .isZero();
    }
}
