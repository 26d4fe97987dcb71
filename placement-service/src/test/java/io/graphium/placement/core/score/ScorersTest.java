package io.graphium.placement.core.score;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.model.StrategyKind;
import io.graphium.placement.core.pipeline.HostScorer;
import io.graphium.placement.core.pipeline.PlacementContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scorer's formula at its edges. */
class ScorersTest {

    record Case(String name, HostScorer scorer, HostBuilder host, String location, double want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        HostScorer cpu = AvailabilityScorer.cpu();
        HostScorer memory = AvailabilityScorer.memory();
        HostScorer count = new ContainerCountScorer();
        HostScorer datacenter = new DatacenterScorer();
        HostScorer spread = new FewestContainersScorer();
        return Stream.of(
                new Case("idle host: full cpu points", cpu, host("h"), null, 30),
                new Case("a quarter of the cpu used", cpu, host("h").cpus(8).used(2, 0), null, 22.5),
                new Case("overcommitted cpu scores 0, not below", cpu, host("h").cpus(2).used(3, 0), null, 0),
                new Case("0 CPUs scores 0 instead of dividing by zero", cpu, host("h").cpus(0), null, 0),
                new Case("idle host: full memory points", memory, host("h"), null, 30),
                new Case("three quarters of memory used", memory, host("h").memory(16 * GIB).used(0, 12 * GIB),
                        null, 7.5),
                new Case("no memory reported scores 0", memory, host("h").memory(0), null, 0),
                new Case("empty host: +10", count, host("h").running(0), null, 10),
                new Case("4 containers: +6", count, host("h").running(4), null, 6),
                new Case("10 containers: 0", count, host("h").running(10), null, 0),
                new Case("25 containers: −10, not less", count, host("h").running(25), null, -10),
                new Case("in the stack's location: +20", datacenter, host("h").datacenter("us-west-2"), "us-west-2",
                        20),
                new Case("elsewhere: −20", datacenter, host("h").datacenter("eu-1"), "us-west-2", -20),
                new Case("host without datacenter, stack with one: −20", datacenter, host("h").datacenter(null),
                        "us-west-2", -20),
                new Case("stack without location: 0", datacenter, host("h").datacenter("eu-1"), null, 0),
                new Case("spread: minus the container count", spread, host("h").running(3), null, -3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresOneTerm(Case c) {
        PlacementContext context = new PlacementContext(
                request(StrategyKind.AUTO, container("web")).location(c.location()).build(), NOW);

        double score = c.scorer().score(container("web").build(), stateOf(c.host()), context);

        assertThat(score).isCloseTo(c.want(), within(1e-9));
    }
}
