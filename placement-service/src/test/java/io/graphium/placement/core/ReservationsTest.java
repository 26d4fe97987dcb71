package io.graphium.placement.core;

import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.engineWith;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.outcomeText;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static io.graphium.placement.core.model.StrategyKind.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.model.ContainerKey;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Decisions reserve ports and resources until a heartbeat confirms them or the reservation TTL passes. */
class ReservationsTest {

    static final PlacementRequest WEB = request(AUTO, container("web").ports(tcp(8080))).stack("shop").build();
    static final PlacementRequest OTHER_WEB = request(AUTO, container("web").ports(tcp(8080))).stack("blog").build();
    static final ContainerKey SHOP_WEB = new ContainerKey("shop", "d-shop", "web");

    @Test
    void aDecisionReservesItsPortsForTheNextRequest() {
        PlacementEngine engine = engineWith(host("host1"));

        assertThat(outcomeText(engine.place(WEB, NOW))).isEqualTo("web=host1");
        assertThat(outcomeText(engine.place(OTHER_WEB, NOW))).isEqualTo(
                "failed: no host for container 'web': 0/1 hosts available: host1 port 8080/tcp reserved for shop/web");
        assertThat(engine.pendingReservations()).isEqualTo(1);
    }

    @Test
    void aDryRunReservesNothing() {
        PlacementEngine engine = engineWith(host("host1"));

        assertThat(outcomeText(engine.place(request(AUTO, container("web").ports(tcp(8080))).stack("shop").dryRun()
                .build(), NOW))).isEqualTo("web=host1");

        assertThat(engine.pendingReservations()).isZero();
        assertThat(outcomeText(engine.place(OTHER_WEB, NOW))).isEqualTo("web=host1");
    }

    @Test
    void aFailedRequestGivesBackWhatItsEarlierContainersHeld() {
        PlacementEngine engine = engineWith(host("host1"));

        assertThat(outcomeText(engine.place(request(SPREAD, container("a").ports(tcp(8080)),
                container("b").ports(tcp(8080))).build(), NOW))).startsWith("failed: no host for container 'b'");

        assertThat(engine.pendingReservations()).isZero();
        assertThat(outcomeText(engine.place(OTHER_WEB, NOW))).isEqualTo("web=host1");
    }

    @Test
    void aHeartbeatListingTheContainerReplacesItsReservation() {
        PlacementEngine engine = engineWith(host("host1"));
        engine.place(WEB, NOW);

        engine.apply(host("host1").seen(NOW.plusSeconds(2)).runs(SHOP_WEB).running(1)
                .portsInUse(new HostPort(8080, Protocol.TCP)).report());

        assertThat(engine.pendingReservations()).isZero();
        assertThat(outcomeText(engine.place(OTHER_WEB, NOW.plusSeconds(2)))).isEqualTo(
                "failed: no host for container 'web': 0/1 hosts available: host1 port 8080/tcp in use");
    }

    @Test
    void aHeartbeatNotListingTheContainerLeavesTheReservation() {
        PlacementEngine engine = engineWith(host("host1"));
        engine.place(WEB, NOW);

        engine.apply(host("host1").seen(NOW.plusSeconds(2)).report());

        assertThat(engine.pendingReservations()).isEqualTo(1);
        assertThat(outcomeText(engine.place(OTHER_WEB, NOW.plusSeconds(2)))).contains("reserved for shop/web");
    }

    @Test
    void aReservationWhoseContainerNeverShowsUpExpires() {
        PlacementEngine engine = engineWith(host("host1"));
        engine.place(WEB, NOW);
        java.time.Instant later = NOW.plus(PlacementSettings.DEFAULT_RESERVATION_TTL).plusSeconds(1);
        engine.apply(host("host1").seen(later).report());

        assertThat(outcomeText(engine.place(OTHER_WEB, later))).isEqualTo("web=host1");
    }

    @Test
    void placingTheSameDeploymentAgainReplacesItsReservation() {
        PlacementEngine engine = engineWith(host("host1"), host("host2"));
        engine.place(request(AUTO, container("web")).stack("shop").build(), NOW);

        engine.place(request(AUTO, container("web")).stack("shop").build(), NOW);

        assertThat(engine.pendingReservations()).isEqualTo(1);
    }

    @Test
    void anOlderReportDoesNotOverwriteANewerOne() {
        PlacementEngine engine = engineWith(host("host1"));

        boolean applied = engine.apply(host("host1").seen(NOW.minusSeconds(10))
                .status(io.graphium.hosts.HostStatus.MAINTENANCE).report());

        assertThat(applied).isFalse();
        assertThat(outcomeText(engine.place(WEB, NOW))).isEqualTo("web=host1");
    }

    @Test
    void aRegistrationKeepsTheLastHeartbeatsPorts() {
        PlacementEngine engine = engineWith(host("host1").portsInUse(new HostPort(8080, Protocol.TCP)));

        engine.apply(host("host1").seen(NOW.plusSeconds(1)).registration());

        assertThat(outcomeText(engine.place(WEB, NOW.plusSeconds(1)))).endsWith("host1 port 8080/tcp in use");
    }

    @Test
    void aHostThatStopsSendingHeartbeatsGoesOfflineAfterTheTtl() {
        PlacementEngine engine = engineWith(host("host1"));
        Duration ttl = PlacementSettings.DEFAULT_HOST_TTL;

        assertThat(outcomeText(engine.place(request(AUTO, container("a")).dryRun().build(), NOW.plus(ttl))))
                .isEqualTo("a=host1");
        assertThat(outcomeText(engine.place(request(AUTO, container("a")).build(), NOW.plus(ttl).plusSeconds(1))))
                .isEqualTo("failed: no host for container 'a': 0/1 hosts available: host1 not active (offline: no "
                        + "heartbeat for 7 s)");
    }

    @Test
    void aRemovedHostIsForgottenWithItsReservations() {
        PlacementEngine engine = engineWith(host("host1"), host("host2"));
        engine.place(request(AUTO, container("web")).build(), NOW);

        engine.remove("host1");

        assertThat(engine.hostIds()).containsExactly("host2");
        assertThat(engine.pendingReservations()).isZero();
    }
}
