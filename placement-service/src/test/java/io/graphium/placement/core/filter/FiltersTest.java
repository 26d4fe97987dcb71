package io.graphium.placement.core.filter;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.HOST_TTL;
import static io.graphium.placement.core.PlacementFixtures.MIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.stateOf;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.PlacementFixtures.udp;
import static io.graphium.placement.core.PlacementFixtures.unpublished;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.PlacementFixtures.ContainerBuilder;
import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.StrategyKind;
import io.graphium.placement.core.pipeline.FilterResult;
import io.graphium.placement.core.pipeline.HostFilter;
import io.graphium.placement.core.pipeline.PlacementContext;
import io.graphium.placement.core.pipeline.Rejection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every filter, one row per rule: {@code want} is null for a pass, else "reason: detail". */
class FiltersTest {

    record Case(String name, HostFilter filter, HostBuilder host, ContainerBuilder container, String location,
                String want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        HostFilter active = new ActiveHostFilter(HOST_TTL);
        HostFilter ports = new PortsFreeFilter();
        HostFilter fit = new ResourcesFitFilter();
        HostFilter location = DatacenterFilter.stackLocation();
        HostFilter required = DatacenterFilter.requiredByConstraint();
        HostFilter capacity = new MinCapacityFilter();
        HostFilter labels = new LabelsFilter();
        ContainerBuilder plain = container("web");
        return Stream.of(
                new Case("active host passes", active, host("h"), plain, null, null),
                new Case("maintenance host is rejected", active, host("h").status(HostStatus.MAINTENANCE), plain,
                        null, "host not active: not active (maintenance)"),
                new Case("degraded host is rejected", active, host("h").status(HostStatus.DEGRADED), plain, null,
                        "host not active: not active (degraded)"),
                new Case("heartbeat exactly at the TTL still counts", active, host("h").seen(NOW.minus(HOST_TTL)),
                        plain, null, null),
                new Case("silent host is offline", active, host("h").seen(NOW.minusSeconds(12)), plain, null,
                        "host not active: not active (offline: no heartbeat for 12 s)"),

                new Case("free port passes", ports, host("h").portsInUse(new HostPort(5432, Protocol.TCP)),
                        container("db").ports(tcp(5433)), null, null),
                new Case("port in use is rejected", ports, host("h").portsInUse(new HostPort(5432, Protocol.TCP)),
                        container("db").ports(tcp(5432)), null, "port in use: port 5432/tcp in use"),
                new Case("same port on the other protocol passes", ports,
                        host("h").portsInUse(new HostPort(53, Protocol.TCP)), container("dns").ports(udp(53)), null,
                        null),
                new Case("udp port in use is rejected", ports, host("h").portsInUse(new HostPort(53, Protocol.UDP)),
                        container("dns").ports(udp(53)), null, "port in use: port 53/udp in use"),
                new Case("unpublished port never conflicts", ports,
                        host("h").portsInUse(new HostPort(5432, Protocol.TCP)),
                        container("db").ports(unpublished(5432)), null, null),

                new Case("reservation that fits passes", fit, host("h").used(6, 8 * GIB),
                        container("db").resources(2, 8 * GIB), null, null),
                new Case("insufficient memory", fit, host("h").memory(16 * GIB).used(0, 14 * GIB),
                        container("db").resources(1, 4 * GIB), null,
                        "insufficient memory: insufficient memory (needs 4 GiB, 2 GiB free)"),
                new Case("insufficient cpu", fit, host("h").cpus(2).used(1.5, 0), container("db").resources(2, GIB),
                        null, "insufficient cpu: insufficient cpu (needs 2 cores, 0.5 cores free)"),
                new Case("default reservation counts when none declared", fit, host("h").memory(GIB).used(0, 900 * MIB),
                        plain, null, "insufficient memory: insufficient memory (needs 200 MiB, 124 MiB free)"),
                new Case("memory-only host (0 CPUs) does not check cpu", fit, host("h").cpus(0),
                        container("db").resources(4, GIB), null, null),

                new Case("host in the stack's location passes", location, host("h").datacenter("us-west-2"), plain,
                        "us-west-2", null),
                new Case("host elsewhere is rejected", location, host("h").datacenter("eu-1"), plain, "us-west-2",
                        "datacenter mismatch: datacenter eu-1 is not us-west-2"),
                new Case("host without datacenter is rejected", location, host("h").datacenter(null), plain,
                        "us-west-2", "datacenter mismatch: has no datacenter, needs us-west-2"),
                new Case("required datacenter of the container", required, host("h").datacenter("eu-1"),
                        container("db").constraint(new HostConstraint(null, "us-west-2", null, null, null)), null,
                        "datacenter mismatch: datacenter eu-1 is not us-west-2"),
                new Case("no required datacenter passes anywhere", required, host("h").datacenter("eu-1"), plain,
                        "us-west-2", null),

                new Case("enough cpus and memory", capacity, host("h").cpus(8).memory(16 * GIB),
                        container("p").constraint(new HostConstraint(null, null, 8.0, 16 * GIB, null)), null, null),
                new Case("too few cpus", capacity, host("h").cpus(2),
                        container("p").constraint(new HostConstraint(null, null, 4.0, null, null)), null,
                        "too few cpus: too few cpus (has 2, needs 4)"),
                new Case("too little memory", capacity, host("h").memory(16 * GIB),
                        container("p").constraint(new HostConstraint(null, null, null, 32 * GIB, null)), null,
                        "too little memory: too little memory (has 16 GiB, needs 32 GiB)"),
                new Case("capacity counts, not free", capacity, host("h").cpus(8).used(7.5, 0),
                        container("p").constraint(new HostConstraint(null, null, 8.0, null, null)), null, null),

                new Case("all labels match", labels, host("h").labels(Map.of("disk", "ssd", "gpu", "yes")),
                        container("db").constraint(labelled(Map.of("disk", "ssd"))), null, null),
                new Case("label with another value", labels, host("h").labels(Map.of("disk", "hdd")),
                        container("db").constraint(labelled(Map.of("disk", "ssd"))), null,
                        "label mismatch: label disk=hdd is not disk=ssd"),
                new Case("label missing", labels, host("h").labels(Map.of()),
                        container("db").constraint(labelled(Map.of("disk", "ssd", "zone", "a"))), null,
                        "label mismatch: label disk missing, needs disk=ssd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksOneRule(Case c) {
        PlacementContext context = new PlacementContext(
                request(StrategyKind.AUTO, c.container()).location(c.location()).build(), NOW);

        FilterResult result = c.filter().check(c.container().build(), stateOf(c.host()), context);

        if (c.want() == null) {
            assertThat(result).isEqualTo(FilterResult.PASS);
        } else {
            assertThat(result).isInstanceOf(Rejection.class);
            Rejection rejection = (Rejection) result;
            assertThat(rejection.reason() + ": " + rejection.detail()).isEqualTo(c.want());
        }
    }

    private static HostConstraint labelled(Map<String, String> labels) {
        return new HostConstraint(null, null, null, null, labels);
    }
}
