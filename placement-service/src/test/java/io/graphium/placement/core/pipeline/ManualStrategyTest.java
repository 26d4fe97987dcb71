package io.graphium.placement.core.pipeline;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.container;
import static io.graphium.placement.core.PlacementFixtures.host;
import static io.graphium.placement.core.PlacementFixtures.placeOn;
import static io.graphium.placement.core.PlacementFixtures.request;
import static io.graphium.placement.core.PlacementFixtures.tcp;
import static io.graphium.placement.core.model.StrategyKind.MANUAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.PlacementFixtures.HostBuilder;
import io.graphium.placement.core.model.HostConstraint;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.Protocol;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MANUAL: every container names its host; the host must be active and satisfy the whole constraint. */
class ManualStrategyTest {

    static final HostConstraint PROCESSOR = new HostConstraint("compute-node-1", null, 8.0, 16 * GIB, null);
    static final HostConstraint DATABASE = new HostConstraint("storage-node-1", null, null, 32 * GIB, null);

    static Stream<StrategyCase> cases() {
        HostBuilder compute = host("compute-node-1").cpus(16).memory(32 * GIB);
        HostBuilder storage = host("storage-node-1").cpus(8).memory(64 * GIB);
        return Stream.of(
                new StrategyCase("spec example 3: data locality", List.of(compute, storage),
                        request(MANUAL, container("processor").constraint(PROCESSOR),
                                container("database").constraint(DATABASE)),
                        "processor=compute-node-1, database=storage-node-1"),
                new StrategyCase("a container without a constraint is an error naming it", List.of(compute, storage),
                        request(MANUAL, container("processor").constraint(PROCESSOR), container("database")),
                        "failed: manual placement needs a hostConstraint with a targetHost for container 'database'"),
                new StrategyCase("an unknown host is an error naming container and host", List.of(storage),
                        request(MANUAL, container("processor").constraint(PROCESSOR)),
                        "failed: no host for container 'processor': target host 'compute-node-1' is not in the "
                                + "inventory"),
                new StrategyCase("a host too small for the constraint names the failed check",
                        List.of(compute, host("storage-node-1").memory(16 * GIB)),
                        request(MANUAL, container("processor").constraint(PROCESSOR),
                                container("database").constraint(DATABASE)),
                        "failed: no host for container 'database': 0/1 hosts available: storage-node-1 too little "
                                + "memory (has 16 GiB, needs 32 GiB)"),
                new StrategyCase("labels must match", List.of(host("h1").labels(Map.of("disk", "hdd"))),
                        request(MANUAL, container("db").constraint(new HostConstraint("h1", null, null, null,
                                Map.of("disk", "ssd")))),
                        "failed: no host for container 'db': 0/1 hosts available: h1 label disk=hdd is not disk=ssd"),
                new StrategyCase("a named host must be active", List.of(host("h1").status(HostStatus.MAINTENANCE)),
                        request(MANUAL, container("web").onHost("h1")),
                        "failed: no host for container 'web': 0/1 hosts available: h1 not active (maintenance)"),
                new StrategyCase("ports count on a named host too",
                        List.of(host("h1").portsInUse(new HostPort(80, Protocol.TCP))),
                        request(MANUAL, container("web").ports(tcp(80)).onHost("h1")),
                        "failed: no host for container 'web': 0/1 hosts available: h1 port 80/tcp in use"),
                new StrategyCase("two containers on one host, as the user asked",
                        List.of(host("h1"), host("h2")),
                        request(MANUAL, container("a").onHost("h1"), container("b").onHost("h1")), "a=h1, b=h1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void places(StrategyCase c) {
        assertThat(placeOn(c.hosts(), c.request())).isEqualTo(c.want());
    }
}
