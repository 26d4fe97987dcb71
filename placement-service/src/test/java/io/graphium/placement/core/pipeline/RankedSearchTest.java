package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static io.graphium.placement.core.model.StrategyKind.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.PlacementEngine;
import io.graphium.placement.core.PlacementSettings;
import io.graphium.placement.core.model.Diagnosis;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** On many hosts the search walks the ranking index and checks only the best-ranked hosts. */
class RankedSearchTest {

    /** 100 hosts: host000..host099 running {@code number % 10} containers; host000 and host010 use port 80. */
    static PlacementEngine hundredHosts() {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults());
        for (int i = 0; i < 100; i++) {
            engine.apply(host(String.format("host%03d", i)).running(i % 10)
                    .portsInUse(i == 0 || i == 10 ? new HostPort[] {new HostPort(80, Protocol.TCP)} : new HostPort[0]).report());
        }
        return engine;
    }

    @Test
    void aDecisionOnManyHostsExplainsTheBestRankedHostsItChecked() {
        PlacementOutcome outcome = hundredHosts().place(request(SPREAD, container("web").ports(tcp(80))).build(), NOW);

        Diagnosis diagnosis = outcome.diagnoses().get(0);
        assertThat(diagnosis.chosenHostId()).isEqualTo("host020");
        assertThat(diagnosis.hostsEvaluated()).isEqualTo(5);
        assertThat(diagnosis.summary()).isEqualTo("web -> host020 (score 0); best 5 of 100 ranked hosts checked "
                + "(100 known); rejected: host000 port 80/tcp in use, host010 port 80/tcp in use");
        assertThat(diagnosis.topScores()).extracting(s -> s.hostId()).containsExactly("host020", "host030", "host040");
    }

    @Test
    void aFailureOnManyHostsStillNamesEveryHostByReason() {
        PlacementOutcome outcome = hundredHosts().place(request(AUTO, container("big").resources(64, 0)).build(), NOW);

        assertThat(((PlacementOutcome.Failed) outcome).message()).isEqualTo("no host for container 'big': 0/100 hosts "
                + "available: 100 insufficient cpu (e.g. host000 insufficient cpu (needs 64 cores, 8 cores free))");
    }

    @Test
    void silentHostsLeaveTheRankingAndComeBackWithTheirNextHeartbeat() {
        PlacementEngine engine = hundredHosts();
        Duration later = PlacementSettings.DEFAULT_HOST_TTL.plusSeconds(1);
        engine.apply(host("host099").seen(NOW.plus(later)).running(9).report()); // the only one still heard

        PlacementOutcome outcome = engine.place(request(SPREAD, container("web")).build(), NOW.plus(later));
        assertThat(outcome.diagnoses().get(0).chosenHostId()).isEqualTo("host099");
        assertThat(outcome.diagnoses().get(0).summary()).contains("best 1 of 1 ranked hosts checked (100 known)");

        engine.apply(host("host000").seen(NOW.plus(later)).report());
        assertThat(engine.place(request(SPREAD, container("api")).build(), NOW.plus(later)).diagnoses().get(0)
                .chosenHostId()).isEqualTo("host000");
    }
}
