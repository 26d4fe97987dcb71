package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.placeOn;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.PlacementFixtures.udp;
import static io.graphium.placement.core.model.StrategyKind.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SPREAD: the active host with the fewest containers, counting those just placed; resources ignored, ports not. */
class SpreadStrategyTest {

    static Stream<StrategyCase> cases() {
        return Stream.of(
                new StrategyCase("spec example 2: three web servers on three hosts",
                        List.of(host("host1"), host("host2"), host("host3")),
                        request(SPREAD, container("web1").ports(tcp(8080)), container("web2").ports(tcp(8081)),
                                container("web3").ports(tcp(8082))),
                        "web1=host1, web2=host2, web3=host3"),
                new StrategyCase("a fourth container goes round to the first host again",
                        List.of(host("host1"), host("host2"), host("host3")),
                        request(SPREAD, container("a"), container("b"), container("c"), container("d")),
                        "a=host1, b=host2, c=host3, d=host1"),
                new StrategyCase("running containers count",
                        List.of(host("host1").running(5), host("host2").running(1), host("host3").running(2)),
                        request(SPREAD, container("a"), container("b"), container("c")),
                        "a=host2, b=host2, c=host3"),
                new StrategyCase("resources are ignored, as the spec says",
                        List.of(host("host1").memory(16 * GIB).used(8, 16 * GIB), host("host2").running(1)),
                        request(SPREAD, container("big").resources(4, 8 * GIB)), "big=host1"),
                new StrategyCase("port conflicts are never ignored",
                        List.of(host("host1").portsInUse(new HostPort(8080, Protocol.TCP)), host("host2").running(3)),
                        request(SPREAD, container("web").ports(tcp(8080))), "web=host2"),
                new StrategyCase("the same port on another protocol is no conflict",
                        List.of(host("host1").portsInUse(new HostPort(53, Protocol.TCP)), host("host2").running(3)),
                        request(SPREAD, container("dns").ports(udp(53))), "dns=host1"),
                new StrategyCase("constraints are hard filters under spread",
                        List.of(host("host1"), host("host2").datacenter("eu-1").running(4)),
                        request(SPREAD, container("a").constraint(new HostConstraint(null, "eu-1", null, null, null))),
                        "a=host2"),
                new StrategyCase("offline hosts are skipped",
                        List.of(host("host1").seen(NOW.minusSeconds(30)), host("host2").running(9)),
                        request(SPREAD, container("a")), "a=host2"),
                new StrategyCase("one port, one host, two containers",
                        List.of(host("host1")),
                        request(SPREAD, container("web1").ports(tcp(8080)), container("web2").ports(tcp(8080))),
                        "failed: no host for container 'web2': 0/1 hosts available: host1 port 8080/tcp reserved "
                                + "for stack-1/web1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void places(StrategyCase c) {
        assertThat(placeOn(c.hosts(), c.request())).isEqualTo(c.want());
    }
}
