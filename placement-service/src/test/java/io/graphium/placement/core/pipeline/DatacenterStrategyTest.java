package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.placeOn;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.DATACENTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DATACENTER: location required; only that datacenter's active hosts; spread among them. */
class DatacenterStrategyTest {

    static Stream<StrategyCase> cases() {
        List<io.graphium.placement.core.PlacementFixtures.HostBuilder> mixed = List.of(
                host("host1").datacenter("eu-1"), host("host2").datacenter("us-west-2"),
                host("host3").datacenter("us-west-2"));
        return Stream.of(
                new StrategyCase("spec example: stays in us-west-2, spread over its hosts", mixed,
                        request(DATACENTER, container("a"), container("b"), container("c")).location("us-west-2"),
                        "a=host2, b=host3, c=host2"),
                new StrategyCase("ports still count inside the datacenter",
                        List.of(host("host1").datacenter("eu-1"),
                                host("host2").datacenter("us-west-2").portsInUse(new HostPort(80, Protocol.TCP)),
                                host("host3").datacenter("us-west-2").running(7)),
                        request(DATACENTER, container("web").ports(tcp(80))).location("us-west-2"), "web=host3"),
                new StrategyCase("a location is required", mixed,
                        request(DATACENTER, container("a")), "failed: datacenter placement needs the stack's location"),
                new StrategyCase("an inactive host in the datacenter is no option",
                        List.of(host("host1").datacenter("eu-1"),
                                host("host2").datacenter("us-west-2").status(HostStatus.MAINTENANCE)),
                        request(DATACENTER, container("a")).location("us-west-2"),
                        "failed: no host for container 'a': 0/2 hosts available: host1 datacenter eu-1 is not "
                                + "us-west-2, host2 not active (maintenance)"),
                new StrategyCase("no host in that datacenter", mixed,
                        request(DATACENTER, container("a")).location("mars"),
                        "failed: no host for container 'a': 0/3 hosts available: host1 datacenter eu-1 is not mars, "
                                + "host2 datacenter us-west-2 is not mars, host3 datacenter us-west-2 is not mars"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void places(StrategyCase c) {
        assertThat(placeOn(c.hosts(), c.request())).isEqualTo(c.want());
    }
}
