package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.engineWith;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.model.Diagnosis;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostRejection;
import io.graphium.placement.core.model.HostScore;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.Protocol;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every decision explains itself: hosts evaluated, rejections, the winner's and runners-up's score terms. */
class DiagnosisTest {

    @Test
    void aDecisionCarriesRejectionsAndTheTopScoresByTerm() {
        PlacementOutcome outcome = engineWith(
                host("host1").portsInUse(new HostPort(5432, Protocol.TCP)),
                host("host2").running(2),
                host("host3").used(4, 0).running(4),
                host("host4").datacenter("eu-1"),
                host("host5").used(7, 0).running(20))
                .place(request(AUTO, container("db").ports(tcp(5432))).location("us-west-2").build(), NOW);

        Diagnosis diagnosis = outcome.diagnoses().get(0);
        assertThat(diagnosis.containerName()).isEqualTo("db");
        assertThat(diagnosis.hostsEvaluated()).isEqualTo(5);
        assertThat(diagnosis.chosenHostId()).isEqualTo("host2");
        assertThat(diagnosis.rejections()).containsExactly(
                new HostRejection("host1", "port in use", "port 5432/tcp in use"));
        assertThat(diagnosis.topScores()).containsExactly(
                new HostScore("host2", 88, Map.of("cpu", 30.0, "memory", 30.0, "containers", 8.0, "datacenter", 20.0)),
                new HostScore("host3", 71, Map.of("cpu", 15.0, "memory", 30.0, "containers", 6.0, "datacenter", 20.0)),
                new HostScore("host4", 50, Map.of("cpu", 30.0, "memory", 30.0, "containers", 10.0,
                        "datacenter", -20.0)));
        assertThat(diagnosis.topScores().get(0).terms().keySet()).as("terms in pipeline order")
                .containsExactly("cpu", "memory", "containers", "datacenter");
        assertThat(diagnosis.summary()).isEqualTo(
                "db -> host2 (score 88); 4/5 hosts available; rejected: host1 port 5432/tcp in use");
    }

    @Test
    void aFailureCarriesTheDiagnosesUpToTheContainerThatFoundNoHost() {
        PlacementOutcome outcome = engineWith(host("host1"))
                .place(request(AUTO, container("a").ports(tcp(80)), container("b").ports(tcp(80))).build(), NOW);

        assertThat(outcome).isInstanceOf(PlacementOutcome.Failed.class);
        assertThat(outcome.diagnoses()).extracting(Diagnosis::chosenHostId).containsExactly("host1", null);
        assertThat(outcome.diagnoses().get(1).summary())
                .isEqualTo(((PlacementOutcome.Failed) outcome).message());
    }

    @Test
    void manyRejectionsAreCountedByReasonAndListedOnlyUpToABound() {
        HostBuilder[] hosts = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> host(String.format("host%02d", i)).datacenter(i <= 55 ? "eu-1" : "us-west-2")
                        .portsInUse(new HostPort(80, Protocol.TCP)))
                .toArray(HostBuilder[]::new);

        PlacementOutcome outcome = engineWith(hosts).place(
                request(io.graphium.placement.core.model.StrategyKind.DATACENTER, container("web").ports(tcp(80)))
                        .location("us-west-2").build(), NOW);

        assertThat(((PlacementOutcome.Failed) outcome).message()).isEqualTo("no host for container 'web': 0/60 hosts "
                + "available: 55 datacenter mismatch (e.g. host01 datacenter eu-1 is not us-west-2), 5 port in use "
                + "(e.g. host56 port 80/tcp in use)");
        assertThat(outcome.diagnoses().get(0).rejections()).hasSize(RejectionLog.RECORDED);
    }
}
