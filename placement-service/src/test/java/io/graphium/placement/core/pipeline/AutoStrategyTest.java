package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.MIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.placeOn;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.Protocol;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** AUTO: cpu 0..30 + memory 0..30 + containers ±10 + datacenter ±20/0, highest wins, ties to the lowest id. */
class AutoStrategyTest {

    static Stream<StrategyCase> cases() {
        return Stream.of(
                new StrategyCase("spec example 1: three-tier app spreads over equal hosts",
                        List.of(host("host1"), host("host2"), host("host3")),
                        request(AUTO, container("nginx").ports(tcp(80)), container("app").ports(tcp(3000)),
                                container("postgres").ports(tcp(5432))),
                        "nginx=host1, app=host2, postgres=host3"),
                // Both idle: tie to host1; then each container's reservation tips the balance. host2 is twice as
                // big, so the same reservation costs it half the points and it takes the third container too.
                new StrategyCase("spec getting-started: the bigger host takes more",
                        List.of(host("host1").cpus(8).memory(16 * GIB), host("host2").cpus(16).memory(32 * GIB)),
                        request(AUTO, container("web").ports(tcp(8080)), container("api").ports(tcp(3000)),
                                container("postgres").ports(tcp(5432)), container("redis").ports(tcp(6379))),
                        "web=host1, api=host2, postgres=host2, redis=host1"),
                new StrategyCase("a busy host loses to an idle one",
                        List.of(host("host1").used(6, 12 * GIB).running(5), host("host2")),
                        request(AUTO, container("web")), "web=host2"),
                // host1: 30 + 30 + 10 − 20 = 50; host2: 15 + 15 + 5 + 20 = 55.
                new StrategyCase("+20 in the stack's location outweighs some load",
                        List.of(host("host1").datacenter("eu-1"),
                                host("host2").datacenter("us-west-2").used(4, 8 * GIB).running(5)),
                        request(AUTO, container("web")).location("us-west-2"), "web=host2"),
                new StrategyCase("no location: datacenter scores 0 everywhere",
                        List.of(host("host1").datacenter("eu-1"),
                                host("host2").datacenter("us-west-2").used(4, 8 * GIB).running(5)),
                        request(AUTO, container("web")), "web=host1"),
                new StrategyCase("ties go to the lowest host id, whatever the arrival order",
                        List.of(host("b"), host("c"), host("a")), request(AUTO, container("web")), "web=a"),
                new StrategyCase("a memory-only host (0 CPUs) takes containers",
                        List.of(host("host1").cpus(0).memory(16 * GIB)),
                        request(AUTO, container("cache").resources(2, 4 * GIB)), "cache=host1"),
                new StrategyCase("a used port sends the container elsewhere",
                        List.of(host("host1").portsInUse(new HostPort(5432, Protocol.TCP)), host("host2").running(8)),
                        request(AUTO, container("db").ports(tcp(5432))), "db=host2"),
                new StrategyCase("the same port on one host twice in a stack: the second goes elsewhere",
                        List.of(host("host1"), host("host2").running(15)),
                        request(AUTO, container("web1").ports(tcp(8080)), container("web2").ports(tcp(8080))),
                        "web1=host1, web2=host2"),
                new StrategyCase("reservations of the stack count for its next container",
                        List.of(host("host1").memory(GIB), host("host2").memory(GIB).running(12)),
                        request(AUTO, container("a").resources(0.1, 600 * MIB),
                                container("b").resources(0.1, 600 * MIB)),
                        "a=host1, b=host2"),
                new StrategyCase("a target host constraint is a hard filter under auto",
                        List.of(host("host1"), host("host2").running(12)),
                        request(AUTO, container("web").onHost("host2")), "web=host2"),
                new StrategyCase("label constraints are hard filters under auto",
                        List.of(host("host1"), host("host2").labels(Map.of("disk", "ssd")).running(12)),
                        request(AUTO, container("db").constraint(new HostConstraint(null, null, null, null,
                                Map.of("disk", "ssd")))), "db=host2"),
                new StrategyCase("offline and inactive hosts get nothing",
                        List.of(host("host1").seen(NOW.minusSeconds(60)), host("host2").status(HostStatus.MAINTENANCE),
                                host("host3").running(19)),
                        request(AUTO, container("web")), "web=host3"),
                new StrategyCase("all hosts offline",
                        List.of(host("host1").seen(NOW.minusSeconds(60)), host("host2").status(HostStatus.OFFLINE)),
                        request(AUTO, container("web")),
                        "failed: no host for container 'web': 0/2 hosts available: host1 not active (offline: no "
                                + "heartbeat for 60 s), host2 not active (offline)"),
                new StrategyCase("no hosts at all", List.of(), request(AUTO, container("web")),
                        "failed: no host for container 'web': 0/0 hosts available: no host has registered or sent a "
                                + "heartbeat"),
                new StrategyCase("every reason in one sentence",
                        List.of(host("host1").portsInUse(new HostPort(5432, Protocol.TCP)),
                                host("host2").datacenter("eu-1"),
                                host("host3").memory(16 * GIB).used(0, 14 * GIB)),
                        request(AUTO, container("db").ports(tcp(5432)).resources(1, 4 * GIB)
                                .constraint(new HostConstraint(null, "us-west-2", null, null, null))),
                        "failed: no host for container 'db': 0/3 hosts available: host1 port 5432/tcp in use, "
                                + "host2 datacenter eu-1 is not us-west-2, "
                                + "host3 insufficient memory (needs 4 GiB, 2 GiB free)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void places(StrategyCase c) {
        assertThat(placeOn(c.hosts(), c.request())).isEqualTo(c.want());
    }
}
