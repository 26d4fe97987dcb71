package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.placeOn;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.PlacementFixtures.udp;
import static io.graphium.placement.core.model.StrategyKind.AUTO;
import static io.graphium.placement.core.model.StrategyKind.SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests that cannot be placed whatever the hosts: refused before any host is evaluated, naming the container. */
class RequestChecksTest {

    static Stream<StrategyCase> cases() {
        List<io.graphium.placement.core.PlacementFixtures.HostBuilder> hosts = List.of(host("host1"), host("host2"));
        return Stream.of(
                new StrategyCase("duplicate container names", hosts,
                        request(AUTO, container("web"), container("web")),
                        "failed: container 'web' appears twice in the request"),
                new StrategyCase("one host port published twice by one container", hosts,
                        request(SPREAD, container("web").ports(tcp(8080), new PortMapping(81, 8080, Protocol.TCP))),
                        "failed: container 'web' publishes host port 8080/tcp twice"),
                new StrategyCase("tcp and udp of one port by one container are fine", hosts,
                        request(SPREAD, container("dns").ports(tcp(53), udp(53))), "dns=host1"),
                new StrategyCase("a host port out of range", hosts,
                        request(AUTO, container("web").ports(new PortMapping(80, 70_000, Protocol.TCP))),
                        "failed: container 'web' publishes invalid host port 70000"),
                new StrategyCase("negative resources", hosts, request(AUTO, container("web").resources(-1, 0)),
                        "failed: container 'web' asks for negative resources"),
                new StrategyCase("an empty stack needs no host", hosts, request(AUTO), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refuses(StrategyCase c) {
        assertThat(placeOn(c.hosts(), c.request())).isEqualTo(c.want());
    }
}
