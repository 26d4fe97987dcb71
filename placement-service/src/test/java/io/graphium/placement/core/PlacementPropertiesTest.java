package io.graphium.placement.core;

import static io.graphium.placement.core.PlacementFixtures.GIB;
import static io.graphium.placement.core.PlacementFixtures.MIB;
import static io.graphium.placement.core.PlacementFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.hosts.HostStatus;
import io.graphium.placement.core.model.ContainerDemand;
import io.graphium.placement.core.model.HostInfo;
import io.graphium.placement.core.model.HostLiveState;
import io.graphium.placement.core.model.HostPort;
import io.graphium.placement.core.model.HostReport;
import io.graphium.placement.core.model.Placement;
import io.graphium.placement.core.model.PlacementOutcome;
import io.graphium.placement.core.model.PlacementRequest;
import io.graphium.placement.core.model.PortMapping;
import io.graphium.placement.core.model.Protocol;
import io.graphium.placement.core.model.Resources;
import io.graphium.placement.core.model.StrategyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Rules that hold for any inventory and any stacks (jqwik generates them and shrinks a failure to a small case).
 * Each property runs on both searches: {@code exhaustive} evaluates every host, the ranked search walks the ranking
 * index (forced here on small inventories by {@code exhaustiveUpTo = 0}); a last property checks that both choose
 * the same hosts.
 */
class PlacementPropertiesTest {

    static final List<String> DATACENTERS = List.of("dc-a", "dc-b");

    @Property(tries = 300)
    void noHostPortIsEverBookedTwiceAndOnlyActiveHostsAreChosen(@ForAll("inventories") List<HostReport> hosts,
                                                                @ForAll("stacks") List<PlacementRequest> stacks,
                                                                @ForAll boolean ranked) {
        PlacementEngine engine = engineWith(hosts, ranked);
        Map<String, Set<Integer>> booked = new HashMap<>();
        hosts.forEach(h -> booked.put(h.host().id(), keys(h.live().portsInUse())));
        for (PlacementRequest request : stacks) {
            for (Placement placement : reserved(request, engine.place(request, NOW))) {
                assertThat(hostOf(hosts, placement.hostId()).status()).isEqualTo(HostStatus.ACTIVE);
                for (PortMapping port : placement.ports()) {
                    if (port.isPublished()) {
                        assertThat(booked.get(placement.hostId()).add(port.hostSide().key()))
                                .as("%s on %s booked twice", port.hostSide(), placement.hostId()).isTrue();
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void autoNeverFillsAHostBeyondItsCapacity(@ForAll("inventories") List<HostReport> hosts,
                                              @ForAll("autoStacks") List<PlacementRequest> stacks,
                                              @ForAll boolean ranked) {
        PlacementEngine engine = engineWith(hosts, ranked);
        Map<String, long[]> reserved = new HashMap<>();
        for (PlacementRequest request : stacks) {
            for (Placement placement : reserved(request, engine.place(request, NOW))) {
                Resources need = request.containers().stream()
                        .filter(c -> c.name().equals(placement.containerName())).findFirst().orElseThrow()
                        .reservation();
                long[] sum = reserved.computeIfAbsent(placement.hostId(), id -> new long[2]);
                sum[0] += need.milliCpu();
                sum[1] += need.memoryBytes();
            }
        }
        for (HostReport host : hosts) {
            long[] sum = reserved.getOrDefault(host.host().id(), new long[2]);
            if (host.host().cpus() > 0) {
                assertThat(Math.round(host.live().cpuUsedCores() * 1000) + sum[0]).as("cpu of %s", host.host().id())
                        .isLessThanOrEqualTo(host.host().cpus() * 1000L);
            }
            if (host.host().memoryBytes() > 0) {
                assertThat(host.live().memoryUsedBytes() + sum[1]).as("memory of %s", host.host().id())
                        .isLessThanOrEqualTo(host.host().memoryBytes());
            }
        }
    }

    @Property(tries = 300)
    void spreadKeepsActiveHostsWithinOneContainerOfEachOther(@ForAll @IntRange(min = 1, max = 80) int hostCount,
                                                             @ForAll @IntRange(min = 1, max = 200) int containers,
                                                             @ForAll boolean ranked) {
        List<HostReport> hosts = IntStream.range(0, hostCount)
                .mapToObj(i -> report("h" + i, 2, 4 * GIB, DATACENTERS.get(i % 2), HostStatus.ACTIVE, 0, 0, 0,
                        List.of()))
                .toList();
        List<ContainerDemand> demands = IntStream.range(0, containers)
                .mapToObj(i -> new ContainerDemand("c" + i, List.of(), null, null)).toList();
        PlacementRequest request = new PlacementRequest("s", "d", StrategyKind.SPREAD, null, demands, false);

        Map<String, Integer> perHost = new HashMap<>();
        hosts.forEach(h -> perHost.put(h.host().id(), 0));
        reserved(request, engineWith(hosts, ranked).place(request, NOW))
                .forEach(p -> perHost.merge(p.hostId(), 1, Integer::sum));

        int max = perHost.values().stream().max(Integer::compare).orElseThrow();
        int min = perHost.values().stream().min(Integer::compare).orElseThrow();
        assertThat(max - min).as("%s", perHost).isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void theSameInputGivesTheSameOutput(@ForAll("inventories") List<HostReport> hosts,
                                        @ForAll("stacks") List<PlacementRequest> stacks, @ForAll boolean ranked) {
        assertThat(placeAll(engineWith(hosts, ranked), stacks)).isEqualTo(placeAll(engineWith(hosts, ranked), stacks));
    }

    @Property(tries = 500)
    void theRankedSearchChoosesTheHostsTheExhaustiveOneDoes(@ForAll("inventories") List<HostReport> hosts,
                                                            @ForAll("stacks") List<PlacementRequest> stacks) {
        List<String> exhaustive = placeAll(engineWith(hosts, false), stacks).stream().map(this::choices).toList();
        List<String> ranked = placeAll(engineWith(hosts, true), stacks).stream().map(this::choices).toList();
        assertThat(ranked).isEqualTo(exhaustive);
    }

    @Provide
    Arbitrary<List<HostReport>> inventories() {
        Arbitrary<String> datacenter = Arbitraries.of("dc-a", "dc-b").injectNull(0.25);
        Arbitrary<HostStatus> status = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(HostStatus.ACTIVE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(HostStatus.MAINTENANCE, HostStatus.OFFLINE)));
        Arbitrary<HostReport> host = Combinators.combine(
                Arbitraries.integers().between(0, 4).map(n -> n * 2),             // cpus, 0 = not accounted
                Arbitraries.integers().between(0, 4).map(n -> n * GIB),           // memory, 0 = not accounted
                datacenter, status,
                Arbitraries.doubles().between(0, 1).ofScale(2),                  // cpu used
                Arbitraries.integers().between(0, 511).map(n -> n * MIB),         // memory used
                Arbitraries.integers().between(0, 5),                            // containers running
                ports().list().ofMaxSize(3).uniqueElements())
                .as((cpus, memory, dc, st, cpuUsed, memUsed, running, ports) ->
                        report("?", cpus, memory, dc, st, cpuUsed, memUsed, running, ports));
        return host.list().ofMaxSize(12).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> withId(list.get(i), "h" + i)).toList());
    }

    @Provide
    Arbitrary<List<PlacementRequest>> stacks() {
        return requests(Arbitraries.of(StrategyKind.AUTO, StrategyKind.SPREAD, StrategyKind.DATACENTER));
    }

    @Provide
    Arbitrary<List<PlacementRequest>> autoStacks() {
        return requests(Arbitraries.just(StrategyKind.AUTO));
    }

    private Arbitrary<List<PlacementRequest>> requests(Arbitrary<StrategyKind> strategies) {
        Arbitrary<Resources> resources = Combinators.combine(Arbitraries.integers().between(0, 19),
                        Arbitraries.integers().between(0, 1023))
                .as((tenths, mib) -> new Resources(tenths / 10.0, mib * MIB)).injectNull(0.5);
        Arbitrary<PortMapping> port = Combinators.combine(ports(), Arbitraries.integers().between(0, 4))
                .as((p, unpublished) -> new PortMapping(80, unpublished == 0 ? 0 : p.port(), p.protocol()));
        Arbitrary<List<ContainerDemand>> containers = Combinators.combine(
                        port.list().ofMaxSize(2).uniqueElements(PortMapping::hostPort), resources)
                .as((ports, res) -> new ContainerDemand("?", ports, res, null))
                .list().ofMinSize(1).ofMaxSize(12)
                .map(list -> IntStream.range(0, list.size()).mapToObj(i -> new ContainerDemand("c" + i,
                        list.get(i).ports(), list.get(i).resources(), null)).toList());
        Arbitrary<PlacementRequest> request = Combinators.combine(strategies, containers,
                        Arbitraries.of(DATACENTERS).injectNull(0.5), Arbitraries.integers().between(0, 4))
                .as((strategy, demands, location, dry) -> new PlacementRequest("?", "?", strategy,
                        strategy == StrategyKind.DATACENTER && location == null ? "dc-a" : location, demands,
                        dry == 0));
        return request.list().ofMinSize(1).ofMaxSize(5).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> {
                    PlacementRequest r = list.get(i);
                    return new PlacementRequest("s" + i, "d-s" + i, r.strategy(), r.location(), r.containers(),
                            r.dryRun());
                }).toList());
    }

    /** Ports from a small range, so that conflicts are frequent. */
    private static Arbitrary<HostPort> ports() {
        return Combinators.combine(Arbitraries.integers().between(8000, 8005),
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(3, Protocol.TCP),
                                net.jqwik.api.Tuple.of(1, Protocol.UDP)))
                .as(HostPort::new);
    }

    private static HostReport report(String id, int cpus, long memory, String datacenter, HostStatus status,
                                     double cpuUsed, long memoryUsed, int running, List<HostPort> ports) {
        return new HostReport(new HostInfo(id, id, "10.0.0.1", cpus, memory, datacenter, Map.of()), status, NOW,
                new HostLiveState(cpuUsed, memoryUsed, running, Set.of(), ports));
    }

    private static HostReport withId(HostReport report, String id) {
        HostInfo info = report.host();
        return new HostReport(new HostInfo(id, id, info.ipAddress(), info.cpus(), info.memoryBytes(),
                info.datacenter(), info.labels()), report.status(), report.occurredAt(), report.live());
    }

    private static PlacementEngine engineWith(List<HostReport> hosts, boolean ranked) {
        PlacementEngine engine = new PlacementEngine(PlacementSettings.defaults()
                .withExhaustiveUpTo(ranked ? 0 : Integer.MAX_VALUE));
        hosts.forEach(engine::apply);
        return engine;
    }

    private static List<PlacementOutcome> placeAll(PlacementEngine engine, List<PlacementRequest> stacks) {
        List<PlacementOutcome> outcomes = new ArrayList<>();
        stacks.forEach(request -> outcomes.add(engine.place(request, NOW)));
        return outcomes;
    }

    /** What a decision chose, ignoring how the search explains it: hosts per container, or the failure. */
    private String choices(PlacementOutcome outcome) {
        return outcome instanceof PlacementOutcome.Failed failed ? failed.message()
                : ((PlacementOutcome.Decided) outcome).placements().toString();
    }

    private static HostReport hostOf(List<HostReport> hosts, String id) {
        return hosts.stream().filter(h -> h.host().id().equals(id)).findFirst().orElseThrow();
    }

    /** The placements of a decision that reserved something (not a dry run, not a failure). */
    private static List<Placement> reserved(PlacementRequest request, PlacementOutcome outcome) {
        return outcome instanceof PlacementOutcome.Decided decided && !request.dryRun()
                ? decided.placements() : List.of();
    }

    private static Set<Integer> keys(List<HostPort> ports) {
        Set<Integer> keys = new HashSet<>();
        ports.forEach(p -> keys.add(p.key()));
        return keys;
    }
}
